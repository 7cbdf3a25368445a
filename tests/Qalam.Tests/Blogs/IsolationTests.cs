namespace Qalam.Tests.Blogs;

[Collection(SharedAppCollection.Name)]
public sealed class IsolationTests(SharedApp shared)
{
    private readonly QalamApp _app = shared.App;

    [Fact]
    public async Task One_blog_never_shows_another_blogs_posts_tags_comments_or_similar_posts()
    {
        var a = await _app.Seed.BlogAsync("en");
        var b = await _app.Seed.BlogAsync("en");
        var postA = await _app.Seed.PostAsync(a, "Secret garden of blog A", "garden roses garden", tags: ["roses"]);
        await _app.Seed.CommentAsync(postA, "Ann", "Only for A");
        var postB = await _app.Seed.PostAsync(b, "Garden of blog B", "garden roses garden", tags: ["roses"]);
        await _app.Seed.RebuildSimilarAsync(a);
        await _app.Seed.RebuildSimilarAsync(b);
        var reader = _app.Reader();

        await reader.GetPageAsync($"/{b.Handle}/posts/{postA.Slug}", HttpStatusCode.NotFound);
        var homeB = await reader.GetPageAsync($"/{b.Handle}");
        Assert.Equal(["Garden of blog B"], homeB.QuerySelectorAll("article.summary h2").Select(h => h.Text()));
        var tagB = await reader.GetPageAsync($"/{b.Handle}/tags/roses");
        Assert.Equal(["Garden of blog B"], tagB.QuerySelectorAll("article.summary h2").Select(h => h.Text()));
        var pageB = await reader.GetPageAsync(Seed.PathOf(b, postB));
        Assert.Empty(pageB.QuerySelectorAll(".similar a"));
        Assert.Empty(pageB.QuerySelectorAll(".comment"));
    }

    [Fact]
    public async Task A_reply_cannot_attach_to_a_comment_of_another_blog()
    {
        var a = await _app.Seed.BlogAsync("en");
        var b = await _app.Seed.BlogAsync("en");
        var postA = await _app.Seed.PostAsync(a, "A post");
        var foreign = await _app.Seed.CommentAsync(postA, "Ann", "In blog A");
        var postB = await _app.Seed.PostAsync(b, "B post");
        var reader = _app.Reader();
        var page = await reader.GetPageAsync(Seed.PathOf(b, postB));

        using var response = await reader.SubmitAsync(page, "#comment-form", new Dictionary<string, string>
        {
            ["Form.Name"] = "Mallory",
            ["Form.Body"] = "Sneaky reply",
            ["Form.ParentId"] = foreign.Id.ToString(),
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var again = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("no longer available", again.QuerySelector(".error-summary").Text(), StringComparison.Ordinal);
        Assert.Equal("Sneaky reply", again.QuerySelector("#comment-body").Text());
        var pageA = await reader.GetPageAsync(Seed.PathOf(a, postA));
        Assert.Single(pageA.QuerySelectorAll(".comment"));
    }
}
