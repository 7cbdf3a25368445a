namespace Qalam.Tests.Comments;

// What a comment may contain on the page: a little Markdown, never markup of its own.
[Collection(SharedAppCollection.Name)]
public sealed class CommentRenderingTests(SharedApp shared)
{
    private QalamApp App => shared.App;

    [Fact]
    public async Task Comments_show_emphasis_links_and_code_and_whatever_HTML_a_stranger_typed_as_text()
    {
        var blog = await App.Seed.BlogAsync("fa");
        var post = await App.Seed.PostAsync(blog, "نوشته", "متن.");
        await App.Seed.CommentAsync(post, "Mina",
            "**bold** and _soft_ and `code`\nsecond line\n\n[a link](https://example.com/x) <b>raw</b> [bad](javascript:alert(1)) ![img](https://example.com/a.png)\n\n# not a heading");

        var body = (await App.Reader().GetPageAsync(Seed.PathOf(blog, post))).QuerySelector(".comment-body")!;

        Assert.Equal(("bold", "soft", "code"), (body.QuerySelector("strong")?.TextContent, body.QuerySelector("em")?.TextContent, body.QuerySelector("code")?.TextContent));
        Assert.NotNull(body.QuerySelector("p br"));
        var link = Assert.Single(body.QuerySelectorAll("a[href]"));
        Assert.Equal(("https://example.com/x", "nofollow ugc noopener"), (link.GetAttribute("href"), link.GetAttribute("rel")));
        Assert.Contains("<b>raw</b>", body.TextContent, StringComparison.Ordinal);
        Assert.Empty(body.QuerySelectorAll("b, img, h1, script, [href^=javascript]"));
        Assert.Contains("# not a heading", body.TextContent, StringComparison.Ordinal);
        Assert.Equal("auto", body.GetAttribute("dir"));
    }
}
