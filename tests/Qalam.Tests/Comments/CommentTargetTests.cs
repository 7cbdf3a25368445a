using Qalam.Blogs;

namespace Qalam.Tests.Comments;

// Finding 3 of "Strangers may sign up": the comment form took blog and slug from its fields over its address, so a
// comment posted to blog A landed on blog B, past B's suspension; oversized or %00 fields answered 500.
[Collection(SharedAppCollection.Name)]
public sealed class CommentTargetTests(SharedApp shared)
{
    private readonly QalamApp _app = shared.App;

    [Fact]
    public async Task A_comment_lands_on_the_post_of_the_address_it_was_posted_to_whatever_its_fields_say()
    {
        var a = await _app.Seed.BlogAsync("en", CommentPolicy.Open);
        var b = await _app.Seed.BlogAsync("en", CommentPolicy.Open);
        var postA = await _app.Seed.PostAsync(a, "On A");
        var postB = await _app.Seed.PostAsync(b, "On B");
        await _app.Seed.UpdateBlogAsync(b, blog => blog.Suspend("Closed for spam", DateTime.UtcNow));
        var reader = _app.Reader();

        using var response = await reader.SubmitAsync(await reader.GetPageAsync(Seed.PathOf(a, postA)), "#comment-form", new Dictionary<string, string>
        {
            ["Form.Name"] = "Mallory",
            ["Form.Body"] = "Meant for B.",
            ["blog"] = b.Handle,
            ["slug"] = postB.Slug,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(["Meant for B."], (await reader.GetPageAsync(Seed.PathOf(a, postA))).QuerySelectorAll(".comment-body").Select(c => c.Text()));
        await _app.Seed.UpdateBlogAsync(b, blog => blog.Resume());
        Assert.Empty((await _app.Reader(Browsers.Safari).GetPageAsync(Seed.PathOf(b, postB))).QuerySelectorAll(".comment"));
    }

    [Fact]
    public async Task Oversized_fields_and_control_characters_in_an_address_are_refused_with_400_not_a_server_error()
    {
        var blog = await _app.Seed.BlogAsync("en", CommentPolicy.Open);
        var post = await _app.Seed.PostAsync(blog, "Big");
        var reader = _app.Reader();
        var page = await reader.GetPageAsync(Seed.PathOf(blog, post));

        using var huge = await reader.SubmitAsync(page, "#comment-form", new Dictionary<string, string>
        {
            ["Form.Name"] = "Big",
            ["Form.Body"] = "b",
            ["blog"] = new string('x', 5 * 1024 * 1024),
        });
        using var nul = await reader.SubmitAsync(page, "#comment-form", new Dictionary<string, string>
        {
            ["Form.Name"] = "Nul",
            ["Form.Body"] = "With a nul\0 inside.",
            ["blog"] = "\0",
        });
        using var controls = await reader.SubmitAsync(page, "#comment-form", new Dictionary<string, string>
        {
            ["Form.Name"] = "Bell\u0007",
            ["Form.Body"] = "With a\u0001 start-of-heading inside.",
            ["blog"] = "\u0001",
        });
        // %00 itself is refused by the server before any of Qalam runs; the other control characters reach it.
        using var nulAddress = await reader.GetAsync(Seed.PathOf(blog, post) + "%01");
        using var nulQuery = await reader.GetAsync($"/{blog.Handle}/search?q=a%00b");

        Assert.True((int)huge.StatusCode is 400 or 413, huge.StatusCode.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, nul.StatusCode);
        Assert.Equal("This request could not be understood", Html.Parse(await nul.Content.ReadAsStringAsync()).QuerySelector("h1").Text());
        Assert.Equal(HttpStatusCode.Redirect, controls.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, nulAddress.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, nulQuery.StatusCode);
        var comment = (await reader.GetPageAsync(Seed.PathOf(blog, post))).QuerySelector(".comment")!;
        Assert.Equal("With a start-of-heading inside.", comment.QuerySelector(".comment-body").Text());
        Assert.Equal("Bell", comment.QuerySelector(".comment-author bdi").Text());
    }
}
