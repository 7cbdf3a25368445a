using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Qalam.Accounts;
using Qalam.Blogs;
using Qalam.Localization;
using Qalam.Mail;
using Qalam.Posts;
using Qalam.Storage;

namespace Qalam.Comments;

// What the comment features need to know about the post a comment belongs to.
public sealed record CommentedPost(int Id, string Title, string Slug, string? AuthorId, DateTime PublishedAt, bool CommentsClosed);

// The mail that comments cause: the post's author and the blog's owners hear of new comments (at once, or in a
// daily digest, or not at all, as the blog is set), writers who asked hear of replies to their comment once they
// have confirmed their address. Everything is queued in the caller's unit of work (Outbox).
public sealed class CommentNotifier(QalamDb db, Outbox outbox, TimeProvider time)
{
    public bool Enabled => outbox.Enabled;

    public async Task NewCommentAsync(BlogView blog, CommentedPost post, Comment comment, SiteAddress site, CancellationToken cancellationToken)
    {
        if (!outbox.Enabled || comment.Status is not (CommentStatus.Approved or CommentStatus.Pending))
        {
            return;
        }
        var mode = await db.Blogs.AsNoTracking().Where(b => b.Id == blog.Id).Select(b => b.CommentNotifications).SingleAsync(cancellationToken);
        if (mode != CommentNotifications.EachComment)
        {
            return;
        }
        var text = UiText.For(blog.Language);
        var held = comment.Status == CommentStatus.Pending;
        var subject = text[held ? "Mail.NewComment.HeldSubject" : "Mail.NewComment.Subject", post.Title];
        var body = new StringBuilder()
            .AppendLine(text["Mail.NewComment.Intro", comment.AuthorName, post.Title])
            .AppendLine()
            .AppendLine(comment.Body)
            .AppendLine()
            .AppendLine(held ? text["Mail.NewComment.HeldLink"] : text["Mail.NewComment.Link"])
            .AppendLine(held ? ModerationAddress(site, blog) : site.Comment(blog.Handle, post.Slug, comment.Id))
            .AppendLine()
            .AppendLine(text["Mail.Footer", blog.Title])
            .ToString();
        foreach (var recipient in await RecipientsAsync(blog.Id, post.AuthorId is null ? [] : [post.AuthorId], cancellationToken))
        {
            if (!string.Equals(recipient, comment.AuthorEmail, StringComparison.OrdinalIgnoreCase))
            {
                outbox.Add(recipient, subject, body);
            }
        }
    }

    // Records the wish and mails the confirmation link. Call after the comment is saved (it needs its id).
    public void Subscribe(BlogView blog, CommentedPost post, Comment comment, SiteAddress site)
    {
        if (!outbox.Enabled || comment.AuthorEmail is not { } email)
        {
            return;
        }
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        db.CommentSubscriptions.Add(new CommentSubscription(comment.Id, email, token, time.GetUtcNow().UtcDateTime));
        var text = UiText.For(blog.Language);
        var body = new StringBuilder()
            .AppendLine(text["Mail.Confirm.Intro", post.Title])
            .AppendLine()
            .AppendLine(SubscriptionAddress(site, token))
            .AppendLine()
            .AppendLine(text["Mail.Confirm.Ignore"])
            .AppendLine()
            .AppendLine(text["Mail.Footer", blog.Title])
            .ToString();
        outbox.Add(email, text["Mail.Confirm.Subject", post.Title], body);
    }

    // Tells the confirmed subscribers of each reply's parent, once per reply. Replies not yet approved wait.
    public async Task RepliesAsync(BlogView blog, IReadOnlyCollection<Comment> comments, SiteAddress site, CancellationToken cancellationToken)
    {
        var replies = comments.Where(c => c.ParentId is not null && c.Status == CommentStatus.Approved && c.ReplyNoticeSentAt is null).ToList();
        if (!outbox.Enabled || replies.Count == 0)
        {
            return;
        }
        var parentIds = replies.Select(r => r.ParentId!.Value).Distinct().ToList();
        var subscriptions = await db.CommentSubscriptions.AsNoTracking()
            .Where(s => parentIds.Contains(s.CommentId) && s.ConfirmedAt != null)
            .ToListAsync(cancellationToken);
        var postIds = replies.Select(r => r.PostId).Distinct().ToList();
        var posts = await db.Posts.AsNoTracking().Where(p => postIds.Contains(p.Id))
            .Select(p => new { p.Id, p.Title, p.Slug }).ToDictionaryAsync(p => p.Id, cancellationToken);
        var text = UiText.For(blog.Language);
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var reply in replies)
        {
            reply.ReplyNoticeSent(now);
            var post = posts[reply.PostId];
            foreach (var subscription in subscriptions.Where(s => s.CommentId == reply.ParentId))
            {
                if (string.Equals(subscription.Email, reply.AuthorEmail, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }
                var unsubscribe = SubscriptionAddress(site, subscription.Token);
                var body = new StringBuilder()
                    .AppendLine(text["Mail.Reply.Intro", reply.AuthorName, post.Title])
                    .AppendLine()
                    .AppendLine(reply.Body)
                    .AppendLine()
                    .AppendLine(site.Comment(blog.Handle, post.Slug, reply.Id))
                    .AppendLine()
                    .AppendLine(text["Mail.Reply.Unsubscribe"])
                    .AppendLine(unsubscribe)
                    .ToString();
                outbox.Add(subscription.Email, text["Mail.Reply.Subject", post.Title], body, unsubscribe);
            }
        }
    }

    public async Task<List<string>> RecipientsAsync(int blogId, IReadOnlyCollection<string> authorIds, CancellationToken cancellationToken)
    {
        var owners = db.BlogMembers.Where(m => m.BlogId == blogId && m.Role == BlogRole.Owner).Select(m => m.UserId);
        var emails = await db.Users.AsNoTracking()
            .Where(u => u.Email != null && (owners.Contains(u.Id) || authorIds.Contains(u.Id)))
            .Select(u => u.Email!)
            .ToListAsync(cancellationToken);
        return [.. emails.Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    public static string ModerationAddress(SiteAddress site, BlogView blog) => $"{site.Origin}/admin/{blog.Handle}/comments?status=pending";

    public static string SubscriptionAddress(SiteAddress site, string token) => $"{site.Origin}/comments/subscriptions/{token}";
}
