using System.Net.Http.Json;
using Qalam.Accounts;

namespace Qalam.Tests.Blogs;

// Finding 5 of "Strangers may sign up": without Hosting:Domain, the Host header of a request wrote the absolute links
// of pages, feeds, the API and mail, and one request with a forged Host changed the cached post page for everyone.
public sealed class HostHeaderTests
{
    private static HttpRequestMessage Forged(string path) => new(HttpMethod.Get, path) { Headers = { Host = "evil.example" } };

    [Fact]
    public async Task Without_settings_a_forged_host_reaches_no_link_and_no_cached_page()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var app = new QalamApp(database);
        var blog = await app.Seed.BlogAsync("en");
        var post = await app.Seed.PostAsync(blog, "Linked");
        var owner = await app.Seed.UserAsync();
        await app.Seed.GrantAsync(blog, owner, BlogRole.Owner);
        var reader = app.Reader();

        var bodies = new List<string>();
        foreach (var path in new[] { Seed.PathOf(blog, post), $"/{blog.Handle}", $"/{blog.Handle}/feed.xml", $"/{blog.Handle}/atom.xml", $"/{blog.Handle}/feed.json",
            "/sitemap.xml", $"/{blog.Handle}/sitemap-1.xml", "/robots.txt", $"/api/v1/blogs/{blog.Handle}", $"/api/v1/blogs/{blog.Handle}/posts" })
        {
            using var forged = await reader.SendAsync(Forged(path));
            bodies.Add(await forged.Content.ReadAsStringAsync());
        }
        using var created = await app.Reader().WithToken(await app.Seed.TokenAsync(owner)).SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/api/v1/blogs/{blog.Handle}/posts")
        {
            Headers = { Host = "evil.example" },
            Content = JsonContent.Create(new { title = "Via API", body = "b", status = "published" }),
        });
        bodies.Add(await created.Content.ReadAsStringAsync());
        var afterwards = await app.Reader(Browsers.Safari).GetPageAsync(Seed.PathOf(blog, post));

        Assert.All(bodies, body => Assert.DoesNotContain("evil.example", body, StringComparison.Ordinal));
        Assert.Equal($"http://localhost{Seed.PathOf(blog, post)}", afterwards.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal($"http://localhost{Seed.PathOf(blog, post)}", afterwards.QuerySelector("meta[property='og:url']")!.GetAttribute("content"));
        await database.DisposeAsync();
    }

    [Fact]
    public async Task With_a_public_origin_another_host_is_sent_to_it_and_links_and_mail_name_it()
    {
        await using var mail = TestMailServer.Start();
        var settings = mail.Settings;
        settings["Qalam:PublicOrigin"] = "http://blogs.example.org";
        await using var database = await TestDatabase.CreateAsync();
        await using var app = new QalamApp(database, settings: settings);
        var blog = await app.Seed.BlogAsync("en", Qalam.Blogs.CommentPolicy.HoldAll);
        var post = await app.Seed.PostAsync(blog, "Moderated");
        var owner = await app.Seed.UserAsync();
        await app.Seed.GrantAsync(blog, owner, BlogRole.Owner);
        var reader = app.Reader();

        using var forged = await reader.SendAsync(Forged(Seed.PathOf(blog, post) + "?x=1"));
        using var forgedPost = await reader.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/signup") { Headers = { Host = "evil.example" } });
        var page = await reader.GetPageAsync(Seed.PathOf(blog, post));
        (await reader.SubmitAsync(page, "#comment-form", new Dictionary<string, string> { ["Form.Name"] = "Ann", ["Form.Body"] = "Hold me." })).Dispose();

        Assert.Equal(HttpStatusCode.MovedPermanently, forged.StatusCode);
        Assert.Equal($"http://blogs.example.org{Seed.PathOf(blog, post)}?x=1", forged.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.PermanentRedirect, forgedPost.StatusCode);
        Assert.Equal($"http://blogs.example.org{Seed.PathOf(blog, post)}", page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        var moderation = Assert.Single(await mail.WaitForAsync(owner.Email!));
        Assert.Contains("http://blogs.example.org/", moderation.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("localhost", moderation.TextBody, StringComparison.Ordinal);
        await database.DisposeAsync();
    }

    [Fact]
    public async Task Mail_is_not_sent_when_no_setting_says_where_the_install_is()
    {
        await using var mail = TestMailServer.Start();
        var settings = mail.Settings;
        settings["Qalam:PublicOrigin"] = "";
        await using var database = await TestDatabase.CreateAsync();
        await using var app = new QalamApp(database, settings: settings);

        var signup = await app.Reader().GetPageAsync("/signup");

        Assert.Null(signup.QuerySelector("form.panel"));
        await database.DisposeAsync();
    }
}
