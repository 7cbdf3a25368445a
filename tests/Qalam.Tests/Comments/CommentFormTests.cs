using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qalam.Blogs;
using Qalam.Comments;

namespace Qalam.Tests.Comments;

[Collection(SharedAppCollection.Name)]
public sealed class CommentFormTests(SharedApp shared)
{
    private readonly QalamApp _app = shared.App;

    private static Dictionary<string, string> Fields(string name, string body, string email = "", string website = "") => new()
    {
        ["Form.Name"] = name,
        ["Form.Body"] = body,
        ["Form.Email"] = email,
        ["Form.Website"] = website,
    };

    [Fact]
    public async Task Comment_on_an_open_blog_is_published_and_the_reader_is_told()
    {
        var blog = await _app.Seed.BlogAsync("en", CommentPolicy.Open);
        var post = await _app.Seed.PostAsync(blog, "Open");
        var reader = _app.Reader();

        using var response = await reader.SubmitAsync(await reader.GetPageAsync(Seed.PathOf(blog, post)), "#comment-form",
            Fields("Dana", "First!\nSecond line.", website: "dana.example.org"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await reader.GetPageAsync(response.Headers.Location!.OriginalString);
        Assert.Equal("Thank you! Your comment is published.", page.QuerySelector(".notice").Text());
        var comment = page.QuerySelector(".comment")!;
        Assert.Equal("First!\nSecond line.", comment.QuerySelector(".comment-body")!.TextContent);
        Assert.Equal("auto", comment.QuerySelector(".comment-body")!.GetAttribute("dir"));
        var link = comment.QuerySelector(".comment-author a")!;
        Assert.Equal("https://dana.example.org/", link.GetAttribute("href"));
        Assert.Equal("nofollow ugc noopener", link.GetAttribute("rel"));
        Assert.Equal("1 comment", page.QuerySelector(".comment-count").Text());
    }

    [Fact]
    public async Task Held_comment_is_shown_to_its_writer_alone_marked_as_awaiting_approval()
    {
        var blog = await _app.Seed.BlogAsync("fa", CommentPolicy.HoldAll);
        var post = await _app.Seed.PostAsync(blog, "نگه‌داشته");
        var reader = _app.Reader();

        using var response = await reader.SubmitAsync(await reader.GetPageAsync(Seed.PathOf(blog, post)), "#comment-form",
            Fields("مریم", "سلام"));

        var page = await reader.GetPageAsync(response.Headers.Location!.OriginalString);
        Assert.Equal("سپاس! نظر شما دریافت شد و پس از تأیید نویسنده نمایش داده می‌شود.", page.QuerySelector(".notice").Text());
        var mine = Assert.Single(page.QuerySelectorAll(".comment"));
        Assert.Contains("held", mine.ClassList);
        Assert.Equal("نظر شما در انتظار تأیید است. تنها شما آن را می‌بینید.", mine.QuerySelector(".awaiting").Text());
        Assert.Null(mine.QuerySelector(".reply-link"));
        Assert.Equal("بدون نظر", page.QuerySelector(".comment-count").Text());

        var stranger = await _app.Reader(Browsers.Safari).GetPageAsync(Seed.PathOf(blog, post));
        Assert.Empty(stranger.QuerySelectorAll(".comment"));
    }

    [Fact]
    public async Task First_time_commenters_are_held_and_known_ones_published()
    {
        var blog = await _app.Seed.BlogAsync("en", CommentPolicy.HoldFirstTime);
        var post = await _app.Seed.PostAsync(blog, "Known");
        var reader = _app.Reader();
        var path = Seed.PathOf(blog, post);

        using var first = await reader.SubmitAsync(await reader.GetPageAsync(path), "#comment-form", Fields("Sam", "Hello", "sam@example.org"));
        Assert.Contains("sent=held#comment-", first.Headers.Location!.OriginalString, StringComparison.Ordinal);

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Qalam.Storage.QalamDb>();
            var held = await db.Comments.SingleAsync(c => c.PostId == post.Id);
            held.Approve();
            await db.SaveChangesAsync();
        }

        using var second = await reader.SubmitAsync(await reader.GetPageAsync(path), "#comment-form", Fields("Sam", "Again", "SAM@example.org"));
        Assert.Contains("sent=published", second.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_comment_without_an_email_is_held_because_it_has_none_not_as_a_first_comment_from_an_address()
    {
        var blog = await _app.Seed.BlogAsync("en", CommentPolicy.HoldFirstTime);
        var post = await _app.Seed.PostAsync(blog, "Anonymous");
        var reader = _app.Reader();

        using var sent = await reader.SubmitAsync(await reader.GetPageAsync(Seed.PathOf(blog, post)), "#comment-form", Fields("Sam", "Hello"));

        Assert.Contains("sent=held#comment-", sent.Headers.Location!.OriginalString, StringComparison.Ordinal);
        await using var scope = _app.Services.CreateAsyncScope();
        var held = await scope.ServiceProvider.GetRequiredService<Qalam.Storage.QalamDb>().Comments.SingleAsync(c => c.PostId == post.Id);
        Assert.Equal([new CommentReason(CommentReason.NoEmail)], CommentReason.Parse(held.Reasons));
        Assert.Equal("No email address, so the writer cannot become known", Qalam.Admin.AdminFormat.Reason(CommentReason.Parse(held.Reasons)[0], Qalam.Localization.UiText.English));
    }

    [Fact]
    public async Task Empty_and_invalid_fields_get_clear_messages_and_keep_what_was_typed()
    {
        var blog = await _app.Seed.BlogAsync("en");
        var post = await _app.Seed.PostAsync(blog, "Validation");
        var reader = _app.Reader();

        using var response = await reader.SubmitAsync(await reader.GetPageAsync(Seed.PathOf(blog, post)), "#comment-form",
            Fields("", "My long thoughts", "not-an-email", "javascript:alert(1)"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Please fill in “Name”.", page.QuerySelector("#comment-name-error").Text());
        Assert.StartsWith("Enter an email address", page.QuerySelector("#comment-email-error").Text(), StringComparison.Ordinal);
        Assert.StartsWith("Enter a web address", page.QuerySelector("#comment-website-error").Text(), StringComparison.Ordinal);
        Assert.Equal("My long thoughts", page.QuerySelector("#comment-body").Text());
        Assert.Equal("not-an-email", page.QuerySelector("#comment-email")!.GetAttribute("value"));
        Assert.Equal("true", page.QuerySelector("#comment-name")!.GetAttribute("aria-invalid"));
        Assert.Empty(page.QuerySelectorAll(".comment"));
    }

    [Fact]
    public async Task Oversized_comment_is_refused_with_the_limit_in_Persian_digits()
    {
        var blog = await _app.Seed.BlogAsync("fa");
        var post = await _app.Seed.PostAsync(blog, "بلند");
        var reader = _app.Reader();
        var body = new string('ب', Comment.BodyMaxLength + 1);

        using var response = await reader.SubmitAsync(await reader.GetPageAsync(Seed.PathOf(blog, post)), "#comment-form", Fields("رضا", body));

        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("«متن نظر» حداکثر ۵٬۰۰۰ نویسه می‌تواند باشد.", page.QuerySelector("#comment-body-error").Text());
        Assert.Equal(body, page.QuerySelector("#comment-body")!.TextContent);
    }

    [Theory]
    [InlineData("Origin", "https://forger.example")]
    [InlineData("Origin", "null")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    public async Task Comment_a_browser_sends_from_another_site_is_refused_but_keeps_the_text(string header, string value)
    {
        var blog = await _app.Seed.BlogAsync("en");
        var post = await _app.Seed.PostAsync(blog, "Forged");
        using var request = new HttpRequestMessage(HttpMethod.Post, Seed.PathOf(blog, post))
        {
            Content = new FormUrlEncodedContent(Fields("Eve", "Forged text")),
        };
        request.Headers.Add(header, value);

        using var response = await _app.Reader().SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("This comment was sent from a page on another site", page.QuerySelector(".error-summary").Text(), StringComparison.Ordinal);
        Assert.Equal("Forged text", page.QuerySelector("#comment-body").Text());
        var after = await _app.Reader().GetPageAsync(Seed.PathOf(blog, post));
        Assert.Empty(after.QuerySelectorAll(".comment"));
    }

    [Fact]
    public async Task Comment_a_browser_sends_from_the_page_itself_is_accepted()
    {
        var blog = await _app.Seed.BlogAsync("en");
        var post = await _app.Seed.PostAsync(blog, "Same origin");
        var reader = _app.Reader();
        var page = await reader.GetPageAsync(Seed.PathOf(blog, post));
        reader.DefaultRequestHeaders.Add("Origin", reader.BaseAddress!.GetLeftPart(UriPartial.Authority));
        reader.DefaultRequestHeaders.Add("Sec-Fetch-Site", "same-origin");

        using var response = await reader.SubmitAsync(page, "#comment-form", Fields("Dana", "From the page."));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task Markup_typed_into_any_field_is_shown_as_text()
    {
        var blog = await _app.Seed.BlogAsync("en");
        var post = await _app.Seed.PostAsync(blog, "Inert");
        var reader = _app.Reader();
        const string payload = "<script>alert(1)</script><img src=x onerror=alert(2)>";

        using var response = await reader.SubmitAsync(await reader.GetPageAsync(Seed.PathOf(blog, post)), "#comment-form",
            Fields(payload, payload + " \"><svg onload=alert(3)>"));
        var html = await (await reader.GetAsync(response.Headers.Location!.OriginalString)).Content.ReadAsStringAsync();

        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<svg", html, StringComparison.Ordinal);
        var page = Html.Parse(html);
        Assert.Equal(payload + " \"><svg onload=alert(3)>", page.QuerySelector(".comment-body")!.TextContent);
    }

    [Fact]
    public async Task Replies_are_nested_under_their_parent_and_held_comments_stay_hidden()
    {
        var blog = await _app.Seed.BlogAsync("en");
        var post = await _app.Seed.PostAsync(blog, "Thread");
        var parent = await _app.Seed.CommentAsync(post, "Ann", "Question?");
        await _app.Seed.CommentAsync(post, "Hidden", "Pending one", CommentStatus.Pending);
        var reader = _app.Reader();

        var page = await reader.GetPageAsync($"{Seed.PathOf(blog, post)}?replyTo={parent.Id}");
        Assert.Equal("You are replying to Ann. Write a new comment instead", page.QuerySelector(".replying").Text());
        using var response = await reader.SubmitAsync(page, "#comment-form", Fields("Bob", "Answer."));

        var after = await reader.GetPageAsync(response.Headers.Location!.OriginalString);
        var reply = after.QuerySelector($"#comment-{parent.Id} ol.replies > li.comment")!;
        Assert.Equal("Answer.", reply.QuerySelector(".comment-body").Text());
        Assert.Equal("2 comments", after.QuerySelector(".comment-count").Text());
        Assert.DoesNotContain("Pending one", after.DocumentElement.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Closed_blog_shows_no_form_and_refuses_posted_comments()
    {
        var blog = await _app.Seed.BlogAsync("en", CommentPolicy.Closed);
        var post = await _app.Seed.PostAsync(blog, "Closed");
        var reader = _app.Reader();

        var page = await reader.GetPageAsync(Seed.PathOf(blog, post));
        Assert.Null(page.QuerySelector("#comment-form"));
        Assert.Equal("Comments are closed for this post.", page.QuerySelector(".closed").Text());

        // A comment sent here all the same: the policy must refuse it.
        using var response = await reader.PostAsync(Seed.PathOf(blog, post), new FormUrlEncodedContent(Fields("Eve", "Let me in")));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
