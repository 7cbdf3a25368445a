using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Qalam.Accounts;
using Qalam.Blogs;
using Qalam.Comments;
using Qalam.Storage;

namespace Qalam.Tests.Comments;

// Mail caused by comments, delivered by the real sender (MailKit) to a real SMTP server the test starts.
public sealed class CommentMailTests : WithOwnAppAndMail
{
    protected override void AddSettings(Dictionary<string, string> settings)
    {
        settings["Comments:DigestCheckInterval"] = "00:00:00.200";
        settings["Qalam:PublicOrigin"] = "http://blogs.example.org";
    }

    private static Dictionary<string, string> Fields(string name, string body, string email = "", bool notify = false) => new()
    {
        ["Form.Name"] = name,
        ["Form.Body"] = body,
        ["Form.Email"] = email,
        ["Form.NotifyReplies"] = notify ? "true" : "false",
    };

    private async Task<(Blog Blog, Qalam.Posts.Post Post, QalamUser Owner, QalamUser Author)> BlogWithPeopleAsync(string language,
        CommentPolicy policy = CommentPolicy.Open)
    {
        var blog = await App.Seed.BlogAsync(language, policy);
        var owner = await App.Seed.UserAsync(email: $"owner-{blog.Handle}@example.org");
        var author = await App.Seed.UserAsync(email: $"author-{blog.Handle}@example.org");
        await App.Seed.GrantAsync(blog, owner, BlogRole.Owner);
        await App.Seed.GrantAsync(blog, author, BlogRole.Author);
        var post = await App.Seed.PostByAsync(blog, author, language == "fa" ? "دربارهٔ حافظ" : "On Hafez");
        return (blog, post, owner, author);
    }

    private static async Task<HttpResponseMessage> CommentAsync(HttpClient reader, Blog blog, Qalam.Posts.Post post, Dictionary<string, string> fields,
        int? replyTo = null)
    {
        var path = Seed.PathOf(blog, post) + (replyTo is { } id ? $"?replyTo={id}" : "");
        var response = await reader.SubmitAsync(await reader.GetPageAsync(path), "#comment-form", fields, Seed.PathOf(blog, post));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response;
    }

    [Fact]
    public async Task The_author_and_the_owner_hear_of_each_new_comment_in_the_blogs_language()
    {
        var (blog, post, owner, author) = await BlogWithPeopleAsync("fa");

        await CommentAsync(App.Reader(), blog, post, Fields("مریم", "شعر زیبایی بود."));

        var toAuthor = Assert.Single(await Mail.WaitForAsync(author.Email!));
        var toOwner = Assert.Single(await Mail.WaitForAsync(owner.Email!));
        Assert.Equal("نظر تازه برای «دربارهٔ حافظ»", toAuthor.Subject);
        Assert.Equal(toAuthor.TextBody, toOwner.TextBody);
        Assert.Contains("مریم برای «دربارهٔ حافظ» نوشت:", toAuthor.TextBody, StringComparison.Ordinal);
        Assert.Contains("شعر زیبایی بود.", toAuthor.TextBody, StringComparison.Ordinal);
        Assert.Contains($"/{blog.Handle}/posts/", toAuthor.TextBody, StringComparison.Ordinal);
        Assert.Equal("blog@qalam.test", ((MailboxAddress)toAuthor.From[0]).Address);
    }

    [Fact]
    public async Task A_held_commentMail_asks_for_approval_and_links_to_the_queue()
    {
        var (blog, post, _, author) = await BlogWithPeopleAsync("en", CommentPolicy.HoldAll);

        await CommentAsync(App.Reader(), blog, post, Fields("Sam", "Please look at this."));

        var mail = Assert.Single(await Mail.WaitForAsync(author.Email!));
        Assert.Equal("Comment awaiting your approval on “On Hafez”", mail.Subject);
        Assert.Contains($"/admin/{blog.Handle}/comments?status=pending", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_daily_digest_replaces_singleMails_and_off_sends_nothing()
    {
        var (digest, digestPost, digestOwner, _) = await BlogWithPeopleAsync("en");
        var (quiet, quietPost, quietOwner, quietAuthor) = await BlogWithPeopleAsync("en");
        await App.Seed.UpdateBlogAsync(digest, b => b.CommentNotifications = CommentNotifications.DailyDigest);
        await App.Seed.UpdateBlogAsync(quiet, b => b.CommentNotifications = CommentNotifications.Off);
        var reader = App.Reader();

        await CommentAsync(reader, digest, digestPost, Fields("Ana", "First thought."));
        await CommentAsync(reader, digest, digestPost, Fields("Bo", "Second thought."));
        await CommentAsync(reader, quiet, quietPost, Fields("Cy", "Unheard."));
        // The digest worker runs often in this test; nothing is due until the blog's day has passed.
        await Task.Delay(1500);
        Assert.Empty(Mail.To(digestOwner.Email!));

        App.Time.Advance(TimeSpan.FromDays(1));
        var mail = Assert.Single(await Mail.WaitForAsync(digestOwner.Email!));
        Assert.Equal($"New comments on {digest.Title}: 2", mail.Subject);
        Assert.Contains("First thought.", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Second thought.", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("http://blogs.example.org/", mail.TextBody, StringComparison.Ordinal);

        await Task.Delay(1000);
        Assert.Single(Mail.To(digestOwner.Email!));
        Assert.Empty(Mail.To(quietOwner.Email!));
        Assert.Empty(Mail.To(quietAuthor.Email!));
    }

    [Fact]
    public async Task ReplyMail_needs_a_confirmed_address_and_stops_with_one_click()
    {
        var (blog, post, _, _) = await BlogWithPeopleAsync("en");
        var dana = App.Reader();
        await CommentAsync(dana, blog, post, Fields("Dana", "Which edition do you read?", "dana@example.net", notify: true));
        var parentId = await LatestCommentIdAsync(post.Id);

        // Asking sends a confirmation, and nothing else until it is confirmed.
        var confirmation = Assert.Single(await Mail.WaitForAsync("dana@example.net"));
        Assert.Equal("Confirm: mail about replies on “On Hafez”", confirmation.Subject);
        var link = confirmation.TextBody!.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("http", StringComparison.Ordinal) && l.Contains("/comments/subscriptions/", StringComparison.Ordinal));
        var path = new Uri(link).AbsolutePath;
        await CommentAsync(App.Reader(Browsers.Safari), blog, post, Fields("Eli", "Too early to hear about."), replyTo: parentId);
        await Task.Delay(1500);
        Assert.Single(Mail.To("dana@example.net"));

        // Opening the link only shows a button (mail scanners open links too); pressing it confirms.
        var page = await dana.GetPageAsync(path);
        Assert.Equal("Do you want an email when someone replies to your comment on “On Hafez”?", page.QuerySelector(".subscription p").Text());
        using (var confirm = await dana.SubmitAsync(page, ".subscription form", new Dictionary<string, string> { ["action"] = "confirm" }, path))
        {
            Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
            Assert.Contains("Confirmed.", Html.Parse(await confirm.Content.ReadAsStringAsync()).QuerySelector("[role=status]").Text(), StringComparison.Ordinal);
        }

        await CommentAsync(App.Reader(Browsers.Safari), blog, post, Fields("Eli", "The Ghani-Qazvini edition.", "eli@example.net"), replyTo: parentId);
        var notices = await Mail.WaitForAsync("dana@example.net", 2);
        var notice = notices.Single(m => m.Subject == "New reply to your comment on “On Hafez”");
        Assert.Contains("Eli replied to your comment on “On Hafez”:", notice.TextBody, StringComparison.Ordinal);
        Assert.Contains("The Ghani-Qazvini edition.", notice.TextBody, StringComparison.Ordinal);
        Assert.Equal($"<{link}>", notice.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", notice.Headers["List-Unsubscribe-Post"]);

        // What a mail program does for one-click unsubscribe (RFC 8058): a bare POST, no cookies, no token.
        using (var oneClick = await App.Reader().PostAsync(path, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")])))
        {
            Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        }
        await CommentAsync(App.Reader(Browsers.Safari), blog, post, Fields("Eli", "One more thing.", "eli@example.net"), replyTo: parentId);
        await Task.Delay(1500);
        Assert.Equal(2, Mail.To("dana@example.net").Count);
        Assert.Equal("You will get no more mail about this comment.", (await dana.GetPageAsync(path)).QuerySelector("[role=status]").Text());
    }

    [Fact]
    public async Task A_reply_held_for_moderation_is_announced_when_it_is_approved_and_only_once()
    {
        var (blog, post, owner, _) = await BlogWithPeopleAsync("en", CommentPolicy.HoldFirstTime);
        var parent = await App.Seed.CommentAsync(post, "Dana", "Question.");
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QalamDb>();
            var subscription = new Qalam.Comments.CommentSubscription(parent.Id, "dana@example.net", "a-confirmed-token-of-enough-length", QalamApp.Start.UtcDateTime);
            subscription.Confirm(QalamApp.Start.UtcDateTime);
            db.CommentSubscriptions.Add(subscription);
            await db.SaveChangesAsync();
        }
        await CommentAsync(App.Reader(), blog, post, Fields("Eli", "An answer.", "eli@example.net"), replyTo: parent.Id);
        await Task.Delay(1500);
        Assert.Empty(Mail.To("dana@example.net"));

        var moderator = await App.SignedInAsync(owner);
        var queue = await moderator.GetPageAsync($"/admin/{blog.Handle}/comments");
        var replyId = await LatestCommentIdAsync(post.Id);
        using (var approve = await moderator.SubmitAsync(queue, "#moderation", new Dictionary<string, string> { ["apply"] = $"approve:{replyId}" },
            $"/admin/{blog.Handle}/comments?status=pending"))
        {
            Assert.Equal(HttpStatusCode.Redirect, approve.StatusCode);
        }
        Assert.Single(await Mail.WaitForAsync("dana@example.net"));

        var approved = await moderator.GetPageAsync($"/admin/{blog.Handle}/comments?status=approved");
        using (var hold = await moderator.SubmitAsync(approved, "#moderation", new Dictionary<string, string> { ["apply"] = $"hold:{replyId}" },
            $"/admin/{blog.Handle}/comments?status=approved"))
        {
            Assert.Equal(HttpStatusCode.Redirect, hold.StatusCode);
        }
        var pending = await moderator.GetPageAsync($"/admin/{blog.Handle}/comments?status=pending");
        using (var again = await moderator.SubmitAsync(pending, "#moderation", new Dictionary<string, string> { ["apply"] = $"approve:{replyId}" },
            $"/admin/{blog.Handle}/comments?status=pending"))
        {
            Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        }
        await Task.Delay(1500);
        Assert.Single(Mail.To("dana@example.net"));
    }

    private async Task<int> LatestCommentIdAsync(int postId)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<QalamDb>().Comments.Where(c => c.PostId == postId).MaxAsync(c => c.Id);
    }
}
