using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qalam.Blogs;
using Qalam.Comments;
using Qalam.Storage;

namespace Qalam.Tests.Operator;

// /admin/operator/spam: one spammer's comments on several blogs, read on one page, narrowed to their address and
// removed at once; a comment wrongly caught is published, and its blog's filter learns from it.
public sealed class SpamAcrossBlogsTests : WithOwnApp
{
    private async Task<Comment> SpamAsync(Qalam.Posts.Post post, string body, string address)
    {
        var comment = await App.Seed.CommentAsync(post, "Bot", body, CommentStatus.Spam);
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QalamDb>();
        var tracked = await db.Comments.SingleAsync(c => c.Id == comment.Id);
        tracked.Screened("BlockedWord=pills", null, address);
        await db.SaveChangesAsync();
        return tracked;
    }

    private static List<int> Ids(AngleSharp.Dom.IDocument page) =>
        [.. page.QuerySelectorAll("article.comment-card input[name=ids]").Select(i => int.Parse(i.GetAttribute("value")!, System.Globalization.CultureInfo.InvariantCulture))];

    [Fact]
    public async Task An_operator_reads_spam_of_every_blog_deletes_one_senders_everywhere_and_publishes_a_mistake()
    {
        var first = await App.Seed.PostAsync(await App.Seed.BlogAsync("fa"), "نوشتهٔ یکم");
        var secondBlog = await App.Seed.BlogAsync("en");
        var second = await App.Seed.PostAsync(secondBlog, "Second post");
        var a = await SpamAsync(first, "Cheap pills here", "198.51.100.9");
        var b = await SpamAsync(second, "Cheap pills there", "198.51.100.9");
        var mistake = await SpamAsync(second, "A real reader who wrote a link", "192.0.2.44");
        var client = await App.SignedInAsync(await App.Seed.UserAsync(InstallRole.Admin));

        var page = await client.GetPageAsync("/admin/operator/spam");
        Assert.Equal(3, page.QuerySelectorAll("article.comment-card").Length);
        var filtered = await client.GetPageAsync("/admin/operator/spam?address=198.51.100.9");
        Assert.Equal([b.Id, a.Id], Ids(filtered));

        using var removed = await client.SubmitAsync(filtered, "form:has(input[name=everyFromAddress])", new Dictionary<string, string> { ["apply"] = "delete" }, "/admin/operator/spam");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Contains("2 comments changed", (await client.GetPageAsync(removed.Headers.Location!.OriginalString)).QuerySelector(".notice").Text(), StringComparison.Ordinal);
        var rest = await client.GetPageAsync("/admin/operator/spam");
        Assert.Equal([mistake.Id], Ids(rest));
        Assert.Contains("1 comment held as spam.", rest.Body!.TextContent, StringComparison.Ordinal);
        Assert.Empty(Ids(await client.GetPageAsync("/admin/operator/spam?address=198.51.100.9")));
        using var published = await client.SubmitAsync(rest, "#spam-across", new Dictionary<string, string> { ["ids"] = mistake.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["apply"] = "approve" }, "/admin/operator/spam");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var none = await client.GetPageAsync("/admin/operator/spam");
        Assert.Empty(Ids(none));
        Assert.Contains("No comment is held as spam.", none.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("A real reader who wrote a link", (await App.Reader().GetPageAsync(Seed.PathOf(secondBlog, second))).QuerySelector(".comments").Text(), StringComparison.Ordinal);
        // The blog's own filter learned that this was not spam.
        using (var scope = App.Services.CreateScope())
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<QalamDb>().Blogs.Where(bl => bl.Id == second.BlogId).Select(bl => bl.HamLessons).SingleAsync());
        }

        // A blog owner who does not run the install does not learn the page exists.
        var owner = await App.Seed.UserAsync();
        var ownerClient = await App.SignedInAsync(owner);
        await ownerClient.GetPageAsync("/admin/operator/spam", HttpStatusCode.NotFound);
    }
}
