using System.Net.Http.Json;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qalam.Accounts;
using Qalam.Posts;
using Qalam.Storage;

namespace Qalam.Tests.Feeds;

// Finding 4 of "Strangers may sign up": U+0000, U+0001 and U+000B were kept in titles and comments, and the RSS and
// Atom writers then threw on every request for that feed.
[Collection(SharedAppCollection.Name)]
public sealed class ControlCharacterTests(SharedApp shared)
{
    private readonly QalamApp _app = shared.App;

    private static readonly string[] Tags = ["t\u0002ag"];

    [Fact]
    public async Task Control_characters_sent_by_a_writer_or_a_commenter_are_removed_and_the_feeds_stay_valid()
    {
        var blog = await _app.Seed.BlogAsync("en");
        var owner = await _app.Seed.UserAsync();
        await _app.Seed.GrantAsync(blog, owner, BlogRole.Owner);
        var api = _app.Reader().WithToken(await _app.Seed.TokenAsync(owner));

        var created = await (await api.PostAsync($"/api/v1/blogs/{blog.Handle}/posts", JsonContent.Create(new
        {
            title = "Bell\u0007 and\u0001 nul\u0000",
            body = "Vertical\u000Btab",
            tags = Tags,
            status = "published",
        }))).JsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();
        (await api.PostAsync($"/api/v1/blogs/{blog.Handle}/posts/{id}/comments", JsonContent.Create(new { name = "Escape\u001B", body = "Form\u000Cfeed" }))).Dispose();

        Assert.Equal("Bell and nul", created.GetProperty("title").GetString());
        Assert.Equal(["tag"], created.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        var slug = created.GetProperty("slug").GetString()!;
        foreach (var path in new[] { $"/{blog.Handle}/feed.xml", $"/{blog.Handle}/atom.xml", $"/{blog.Handle}/posts/{slug}/feed.xml", $"/{blog.Handle}/posts/{slug}/atom.xml" })
        {
            var feed = XDocument.Parse(await _app.Reader().GetStringAsync(path));
            Assert.DoesNotContain(feed.Descendants(), e => e.Value.Any(c => c < ' ' && c is not ('\n' or '\r' or '\t')));
        }
    }

    [Fact]
    public async Task Feeds_of_text_stored_before_the_rule_are_still_served_as_valid_XML()
    {
        var blog = await _app.Seed.BlogAsync("en");
        var post = await _app.Seed.PostAsync(blog, "Plain", "Body.");
        await _app.Seed.CommentAsync(post, "Old\u0001", "Stored\u000B long ago");
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            // As a row written before the rule holds it (U+0000 aside, which PostgreSQL never stored).
            await scope.ServiceProvider.GetRequiredService<QalamDb>().Posts.Where(p => p.Id == post.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Title, "Stored\u0001 title"));
        }

        foreach (var path in new[] { $"/{blog.Handle}/feed.xml", $"/{blog.Handle}/atom.xml", $"{Seed.PathOf(blog, post)}/feed.xml" })
        {
            using var response = await _app.Reader(Browsers.Distinct(7)).GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            XDocument.Parse(await response.Content.ReadAsStringAsync());
        }
        Assert.Contains("Stored title", await _app.Reader(Browsers.Distinct(8)).GetStringAsync($"/{blog.Handle}/feed.xml"), StringComparison.Ordinal);
    }
}
