using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qalam.Accounts;
using Qalam.Blogs;
using Qalam.Comments;
using Qalam.Posts;
using Qalam.Storage;

namespace Qalam.Tests.Comments;

// Each layer of the spam defence, through the comment form and the moderation queue, with the form's minimum age
// switched on (three seconds of the app's clock).
public sealed class CommentScreenTests : WithOwnApp
{
    protected override IReadOnlyDictionary<string, string> Settings() => new Dictionary<string, string>
    {
        ["Comments:MinimumFormAge"] = "00:00:03",
        ["Comments:FilterMinimumLessons"] = "4",
    };

    private static Dictionary<string, string> Fields(string name, string body, string email = "") => new()
    {
        ["Form.Name"] = name,
        ["Form.Body"] = body,
        ["Form.Email"] = email,
    };

    // Reads the page, takes the time a person takes, sends the form.
    private async Task<HttpResponseMessage> SendAsync(HttpClient reader, Blog blog, Qalam.Posts.Post post, Dictionary<string, string> fields)
    {
        var page = await reader.GetPageAsync(Seed.PathOf(blog, post));
        App.Time.Advance(TimeSpan.FromSeconds(20));
        return await reader.SubmitAsync(page, "#comment-form", fields);
    }

    private async Task<List<Comment>> CommentsOfAsync(Qalam.Posts.Post post)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<QalamDb>().Comments.AsNoTracking().Where(c => c.PostId == post.Id).OrderBy(c => c.Id).ToListAsync();
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status, string message, string keptBody)
    {
        Assert.Equal(status, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(message, page.QuerySelector(".error-summary").Text());
        Assert.Equal(keptBody, page.QuerySelector("#comment-body")!.TextContent);
        Assert.Equal("", page.QuerySelector("#comment-homepage")!.GetAttribute("value"));
    }

    [Fact]
    public async Task A_filled_honeypot_is_refused_with_the_text_kept_and_nothing_stored()
    {
        var blog = await App.Seed.BlogAsync("en");
        var post = await App.Seed.PostAsync(blog, "Honey");
        var fields = Fields("Bot", "Buy now");
        fields["Form.Homepage"] = "http://spam.example";

        using var response = await SendAsync(App.Reader(), blog, post, fields);

        await AssertRefusedAsync(response, HttpStatusCode.UnprocessableEntity,
            "A field meant to stay empty was filled in (perhaps by your browser). Your comment was not sent; please send it again.", "Buy now");
        Assert.Empty(await CommentsOfAsync(post));
    }

    [Fact]
    public async Task A_form_sent_too_soon_is_refused_and_the_same_form_goes_through_a_moment_later()
    {
        var blog = await App.Seed.BlogAsync("fa");
        var post = await App.Seed.PostAsync(blog, "زود");
        var reader = App.Reader();
        var page = await reader.GetPageAsync(Seed.PathOf(blog, post));

        using var tooSoon = await reader.SubmitAsync(page, "#comment-form", Fields("مریم", "سلام"));
        await AssertRefusedAsync(tooSoon, HttpStatusCode.UnprocessableEntity,
            "این کار سریع‌تر از آن بود که کسی بخواند و بنویسد. نظر شما هنوز فرستاده نشده؛ لطفاً لحظه‌ای صبر کنید و دوباره بفرستید.", "سلام");

        var returned = Html.Parse(await tooSoon.Content.ReadAsStringAsync());
        App.Time.Advance(TimeSpan.FromSeconds(4));
        using var later = await reader.SubmitAsync(returned, "#comment-form", Fields("مریم", "سلام"), Seed.PathOf(blog, post));
        Assert.Equal(HttpStatusCode.Redirect, later.StatusCode);
        Assert.Single(await CommentsOfAsync(post));
    }

    [Fact]
    public async Task An_expired_or_forged_stamp_asks_to_send_again()
    {
        var blog = await App.Seed.BlogAsync("en");
        var post = await App.Seed.PostAsync(blog, "Stale");
        var reader = App.Reader();
        var page = await reader.GetPageAsync(Seed.PathOf(blog, post));
        App.Time.Advance(TimeSpan.FromDays(3));

        using var expired = await reader.SubmitAsync(page, "#comment-form", Fields("Ann", "Long thought"));
        var forgedFields = Fields("Ann", "Forged");
        forgedFields["Form.Stamp"] = "not-a-stamp";
        using var forged = await reader.SubmitAsync(page, "#comment-form", forgedFields);

        const string message = "This page was open for a long time, so the form has expired. Your text is below; please send it again.";
        await AssertRefusedAsync(expired, HttpStatusCode.UnprocessableEntity, message, "Long thought");
        await AssertRefusedAsync(forged, HttpStatusCode.UnprocessableEntity, message, "Forged");
        Assert.Empty(await CommentsOfAsync(post));
    }

    [Fact]
    public async Task The_same_comment_sent_twice_is_stored_once_and_the_second_is_told_why()
    {
        var blog = await App.Seed.BlogAsync("en");
        var post = await App.Seed.PostAsync(blog, "Twice");
        var reader = App.Reader();

        using var first = await SendAsync(reader, blog, post, Fields("Ann", "Same  words", "ann@example.org"));
        using var second = await SendAsync(reader, blog, post, Fields("Ann", "Same words", "ANN@example.org"));

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        await AssertRefusedAsync(second, HttpStatusCode.Conflict, "You have already sent this comment; it was not sent twice.", "Same words");
        Assert.Single(await CommentsOfAsync(post));
    }

    [Fact]
    public async Task Too_many_links_hold_a_comment_and_the_queue_says_why_in_each_language()
    {
        var blog = await App.Seed.BlogAsync("fa");
        var owner = await App.Seed.UserAsync();
        await App.Seed.GrantAsync(blog, owner, BlogRole.Owner);
        var post = await App.Seed.PostAsync(blog, "پیوندها");

        using var response = await SendAsync(App.Reader(), blog, post,
            Fields("Linker", "See https://a.example and [b](https://b.example) and www.c.example"));

        Assert.Contains("sent=held", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var comment = Assert.Single(await CommentsOfAsync(post));
        Assert.Equal(CommentStatus.Pending, comment.Status);
        var queue = await (await App.SignedInAsync(owner)).GetPageAsync($"/admin/{blog.Handle}/comments");
        Assert.Equal(["Has 3 links"], queue.QuerySelectorAll($"#c{comment.Id} .reasons li").Select(li => li.Text()));
        var persianOwner = await App.Seed.UserAsync(language: "fa");
        await App.Seed.GrantAsync(blog, persianOwner, BlogRole.Owner);
        var persianQueue = await (await App.SignedInAsync(persianOwner)).GetPageAsync($"/admin/{blog.Handle}/comments");
        Assert.Equal(["۳ پیوند دارد"], persianQueue.QuerySelectorAll($"#c{comment.Id} .reasons li").Select(li => li.Text()));
    }

    [Fact]
    public async Task Blocked_words_addresses_and_domains_send_comments_to_spam_with_their_reasons()
    {
        var blog = await App.Seed.BlogAsync("fa");
        await App.Seed.UpdateBlogAsync(blog, b => b.CommentBlocklist = "كازينو\n@spam.example\n# a comment line\n203.0.113.0/24");
        var owner = await App.Seed.UserAsync(language: "fa");
        await App.Seed.GrantAsync(blog, owner, BlogRole.Owner);
        var post = await App.Seed.PostAsync(blog, "فهرست");
        var reader = App.Reader();

        // The block list says كازينو with Arabic letters; the comment types کازینو with Persian ones.
        using var word = await SendAsync(reader, blog, post, Fields("الف", "بهترین کازینو اینجاست"));
        using var domain = await SendAsync(reader, blog, post, Fields("ب", "سلام", "x@mail.spam.example"));
        using var clean = await SendAsync(reader, blog, post, Fields("پ", "مطلب خوبی بود"));

        Assert.Contains("sent=held", word.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var comments = await CommentsOfAsync(post);
        Assert.Equal([CommentStatus.Spam, CommentStatus.Spam, CommentStatus.Approved], comments.Select(c => c.Status));
        var client = await App.SignedInAsync(owner);
        var spam = await client.GetPageAsync($"/admin/{blog.Handle}/comments?status=spam");
        Assert.Equal(["دارای واژهٔ مسدود: كازينو"], spam.QuerySelectorAll($"#c{comments[0].Id} .reasons li").Select(li => li.Text()));
        Assert.Equal(["ایمیل در دامنهٔ مسدود: spam.example"], spam.QuerySelectorAll($"#c{comments[1].Id} .reasons li").Select(li => li.Text()));
    }

    [Fact]
    public async Task The_learning_filter_learns_from_the_owners_decisions_and_sends_likely_spam_to_the_spam_folder()
    {
        var blog = await App.Seed.BlogAsync("fa");
        var owner = await App.Seed.UserAsync();
        await App.Seed.GrantAsync(blog, owner, BlogRole.Owner);
        var api = App.Reader().WithToken(await App.Seed.TokenAsync(owner));
        var persianOwner = await App.Seed.UserAsync(language: "fa");
        await App.Seed.GrantAsync(blog, persianOwner, BlogRole.Owner);
        var post = await App.Seed.PostAsync(blog, "یادگیری");
        string[] spam = ["وام فوری بدون ضامن با سود كم", "خرید فالوور ارزان وام فوری", "وام فوری و فالوور ارزان اینجا", "سود تضمینی وام فوری بدون ضامن", "فالوور ارزان با سود تضمینی"];
        string[] good = ["غزل حافظ را بسیار دوست داشتم", "برداشت شما از این غزل حافظ جالب بود", "کدام چاپ دیوان حافظ را می‌خوانید", "این بیت حافظ مرا به یاد پدرم انداخت", "سپاس برای شرح غزل"];
        foreach (var (body, verdict) in spam.Select(b => (b, "spam")).Concat(good.Select(b => (b, "approved"))))
        {
            var comment = await App.Seed.CommentAsync(post, "خواننده", body, CommentStatus.Pending);
            using var decided = await api.PutJsonAsync($"/api/v1/blogs/{blog.Handle}/comments/{comment.Id}", new { status = verdict });
            Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        }
        // A changed mind is a changed lesson, not a second one.
        var changed = await App.Seed.CommentAsync(post, "خواننده", "سپاس برای شرح غزل حافظ", CommentStatus.Pending);
        (await api.PutJsonAsync($"/api/v1/blogs/{blog.Handle}/comments/{changed.Id}", new { status = "spam" })).Dispose();
        (await api.PutJsonAsync($"/api/v1/blogs/{blog.Handle}/comments/{changed.Id}", new { status = "approved" })).Dispose();
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var lessons = await scope.ServiceProvider.GetRequiredService<QalamDb>().Blogs.Where(b => b.Id == blog.Id)
                .Select(b => new { b.SpamLessons, b.HamLessons }).SingleAsync();
            Assert.Equal((5, 6), (lessons.SpamLessons, lessons.HamLessons));
        }

        // Typed with the Arabic kaf and yeh, and a ZWNJ the lessons did not have.
        using var likelySpam = await SendAsync(App.Reader(), blog, post, Fields("تبلیغ", "وام فوري بدون ضامن و فالوور ارزان"));
        using var likelyGood = await SendAsync(App.Reader(), blog, post, Fields("خواننده", "غزل‌های حافظ را دوست دارم"));

        var comments = await CommentsOfAsync(post);
        var caught = comments[^2];
        Assert.Equal(CommentStatus.Spam, caught.Status);
        Assert.StartsWith("FilterSpam=", caught.Reasons, StringComparison.Ordinal);
        Assert.Equal(CommentStatus.Approved, comments[^1].Status);
        var queue = await (await App.SignedInAsync(persianOwner)).GetPageAsync($"/admin/{blog.Handle}/comments?status=spam");
        Assert.Matches("^پالایهٔ یادگیرنده احتمال هرزنامه بودن آن را [۰-۹]+٪ می‌داند$", queue.QuerySelector($"#c{caught.Id} .reasons li").Text());
    }

    [Fact]
    public async Task Comments_close_per_post_and_after_the_blogs_number_of_days()
    {
        var blog = await App.Seed.BlogAsync("en");
        await App.Seed.UpdateBlogAsync(blog, b => b.CloseCommentsAfterDays = 7);
        var now = App.Time.GetUtcNow().UtcDateTime;
        var old = await App.Seed.PostAsync(blog, "Old", publishedAt: now.AddDays(-8));
        var recent = await App.Seed.PostAsync(blog, "Recent", publishedAt: now.AddDays(-6));
        var closed = await App.Seed.PostAsync(blog, "Closed by hand");
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QalamDb>();
            (await db.Posts.FindAsync(closed.Id))!.CommentsClosed = true;
            await db.SaveChangesAsync();
        }
        var reader = App.Reader();

        foreach (var post in new[] { old, closed })
        {
            var page = await reader.GetPageAsync(Seed.PathOf(blog, post));
            Assert.Null(page.QuerySelector("#comment-form"));
            Assert.Equal("Comments are closed for this post.", page.QuerySelector(".closed").Text());
            using var posted = await reader.PostAsync(Seed.PathOf(blog, post), new FormUrlEncodedContent(Fields("Ann", "Late")));
            Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);
        }
        using var open = await SendAsync(reader, blog, recent, Fields("Ann", "In time"));
        Assert.Equal(HttpStatusCode.Redirect, open.StatusCode);
        App.Time.Advance(TimeSpan.FromDays(2));
        Assert.Null((await reader.GetPageAsync(Seed.PathOf(blog, recent))).QuerySelector("#comment-form"));
    }

    [Fact]
    public async Task The_owner_sets_the_comment_layers_in_settings_and_bad_values_are_explained()
    {
        var (blog, owner, client) = await App.BlogWithPersonAsync("en");
        var path = $"/admin/{blog.Handle}/settings";
        Dictionary<string, string> Form(string days, string links) => new()
        {
            ["Form.Title"] = "Renamed",
            ["Form.Description"] = "",
            ["Form.Language"] = "en",
            ["Form.TimeZone"] = "UTC",
            ["Form.Calendar"] = "Gregorian",
            ["Form.CommentPolicy"] = "HoldAll",
            ["Form.CloseCommentsAfterDays"] = days,
            ["Form.CommentMaxLinks"] = links,
            ["Form.CommentBlocklist"] = "casino\r\n@spam.example",
            ["Form.CommentNotifications"] = "DailyDigest",
        };

        using var bad = await client.SubmitAsync(await client.GetPageAsync(path), "form.panel", Form("0", "-1"), path);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        var errors = Html.Parse(await bad.Content.ReadAsStringAsync()).QuerySelectorAll(".field-error").Select(e => e.Text()).ToList();
        Assert.Equal(["Enter a number of days from 1 to 36500, or leave the field empty.", "Enter a number from 0 to 100."], errors);

        using var good = await client.SubmitAsync(await client.GetPageAsync(path), "form.panel", Form("30", "0"), path);
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        await using var scope = App.Services.CreateAsyncScope();
        var saved = await scope.ServiceProvider.GetRequiredService<QalamDb>().Blogs.AsNoTracking().SingleAsync(b => b.Id == blog.Id);
        Assert.Equal((30, 0, "casino\n@spam.example", CommentNotifications.DailyDigest, CommentPolicy.HoldAll),
            (saved.CloseCommentsAfterDays!.Value, saved.CommentMaxLinks, saved.CommentBlocklist, saved.CommentNotifications, saved.CommentPolicy));
        Assert.Equal(App.Time.GetUtcNow().UtcDateTime, saved.LastCommentDigestAt);
    }
}
