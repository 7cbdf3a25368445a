using Qalam.Accounts;

namespace Qalam.Tests.Reading;

// Owners and editors pin posts to the top of the blog's home (WordPress's sticky posts); authors cannot.
[Collection(SharedAppCollection.Name)]
public sealed class PinnedPostsTests(SharedApp shared)
{
    private readonly QalamApp _app = shared.App;

    [Fact]
    public async Task An_editor_pins_an_old_post_to_the_top_of_the_home_and_an_author_cannot()
    {
        var (blog, editor, editorBrowser) = await _app.BlogWithPersonAsync("fa", BlogRole.Editor);
        var author = await _app.Seed.UserAsync();
        await _app.Seed.GrantAsync(blog, author, BlogRole.Author);
        var now = _app.Time.GetUtcNow().UtcDateTime;
        var old = await _app.Seed.PostAsync(blog, "قدیمی", tags: ["یادداشت"], publishedAt: now.AddDays(-30));
        await _app.Seed.PostAsync(blog, "میانه", tags: ["یادداشت"], publishedAt: now.AddDays(-2));
        await _app.Seed.PostAsync(blog, "تازه", tags: ["یادداشت"], publishedAt: now.AddDays(-1));
        var editorApi = _app.Reader().WithToken(await _app.Seed.TokenAsync(editor));
        var authorApi = _app.Reader().WithToken(await _app.Seed.TokenAsync(author));

        using var refused = await authorApi.PostJsonAsync($"/api/v1/blogs/{blog.Handle}/posts", new { title = "مال من", status = "published", pinned = true });
        var problem = await refused.JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("pinned", out _));
        var pinned = await (await editorApi.PutJsonAsync($"/api/v1/blogs/{blog.Handle}/posts/{old.Id}", new { pinned = true })).JsonAsync(HttpStatusCode.OK);
        Assert.True(pinned.GetProperty("pinned").GetBoolean());

        var home = await _app.Reader().GetPageAsync($"/{blog.Handle}");
        Assert.Equal(["قدیمی", "تازه", "میانه"], home.QuerySelectorAll("article.summary h2").Select(h => h.Text()));
        Assert.Equal("سنجاق‌شده", home.QuerySelector("article.summary .pinned").Text());
        // Elsewhere the order is the dates'.
        var tag = await _app.Reader().GetPageAsync($"/{blog.Handle}/tags/" + Uri.EscapeDataString("یادداشت"));
        Assert.Equal(["تازه", "میانه", "قدیمی"], tag.QuerySelectorAll("article.summary h2").Select(h => h.Text()));
        Assert.Null(tag.QuerySelector(".pinned"));

        // The editor's form offers the box to the editor, not to the author.
        Assert.NotNull((await editorBrowser.GetPageAsync($"/admin/{blog.Handle}/posts/{old.Id}")).QuerySelector("input[name='Form.Pinned'][checked]"));
        var authorBrowser = await _app.SignedInAsync(author);
        Assert.Null((await authorBrowser.GetPageAsync($"/admin/{blog.Handle}/posts/new")).QuerySelector("input[name='Form.Pinned']"));
    }
}
