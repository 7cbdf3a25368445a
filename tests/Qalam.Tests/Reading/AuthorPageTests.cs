using System.Xml.Linq;
using Qalam.Accounts;

namespace Qalam.Tests.Reading;

// Every post names its author, linking to a page of their public posts in the blog, with their few lines and a feed;
// a person sets the name and the lines under their account. Members who have published nothing are not revealed.
[Collection(SharedAppCollection.Name)]
public sealed class AuthorPageTests(SharedApp shared)
{
    private readonly QalamApp _app = shared.App;

    [Fact]
    public async Task A_byline_leads_to_the_authors_page_and_feed_and_the_profile_form_renames_them()
    {
        var (blog, writer, browser) = await _app.BlogWithPersonAsync("fa", BlogRole.Author);
        var quiet = await _app.Seed.UserAsync(name: "Quiet member");
        await _app.Seed.GrantAsync(blog, quiet, BlogRole.Author);
        await _app.Seed.PostByAsync(blog, quiet, "فقط پیش‌نویس", draft: true);
        var first = await _app.Seed.PostByAsync(blog, writer, "نخستین");
        await _app.Seed.PostByAsync(blog, writer, "دومین");
        var unsigned = await _app.Seed.PostAsync(blog, "بی‌نویسنده");

        // The profile: a name is required; then the name and a few lines are saved.
        var account = await browser.GetPageAsync("/admin/account");
        using (var empty = await browser.SubmitAsync(account, "form[action*='handler=Profile']", new Dictionary<string, string> { ["displayName"] = "  ", ["bio"] = "x" }))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
        }
        using (var saved = await browser.SubmitAsync(account, "form[action*='handler=Profile']",
            new Dictionary<string, string> { ["displayName"] = "شیرین", ["bio"] = "درباره‌ی کتاب‌ها و باغ می‌نویسم." }))
        {
            Assert.Equal("/admin/account?done=profile", saved.Headers.Location?.OriginalString);
        }

        var post = await _app.Reader().GetPageAsync($"/{blog.Handle}/posts/{first.Slug}");
        var byline = post.QuerySelector("a.byline[rel=author]")!;
        Assert.Equal("به قلم شیرین", byline.Text());
        // Isolated, so that a name in the other direction does not carry the visit count along (seen in an English post).
        Assert.NotNull(byline.QuerySelector("bdi"));
        var page = await _app.Reader().GetPageAsync(byline.GetAttribute("href")!);
        Assert.Equal("نوشته‌های شیرین", page.QuerySelector("h1").Text());
        Assert.Equal("درباره‌ی کتاب‌ها و باغ می‌نویسم.", page.QuerySelector(".author-bio").Text());
        Assert.Equal(["دومین", "نخستین"], page.QuerySelectorAll("article.summary h2").Select(h => h.Text()));
        var feed = XDocument.Parse(await _app.Reader().GetStringAsync(byline.GetAttribute("href") + "/feed.xml"));
        Assert.Equal(["دومین", "نخستین"], feed.Descendants("item").Select(i => (string?)i.Element("title")));
        // A post without a person has no byline; a member with nothing public has no page and no feed.
        var anonymous = await _app.Reader().GetPageAsync($"/{blog.Handle}/posts/" + Uri.EscapeDataString(unsigned.Slug));
        Assert.Null(anonymous.QuerySelector("a.byline"));
        await _app.Reader().GetPageAsync($"/{blog.Handle}/authors/{quiet.Id}", HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, (await _app.Reader().GetAsync($"/{blog.Handle}/authors/{quiet.Id}/feed.xml")).StatusCode);
        await _app.Reader().GetPageAsync($"/{blog.Handle}/authors/no-such-person", HttpStatusCode.NotFound);
    }
}
