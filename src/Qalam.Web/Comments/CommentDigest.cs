using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Qalam.Blogs;
using Qalam.Localization;
using Qalam.Mail;
using Qalam.Posts;
using Qalam.Storage;

namespace Qalam.Comments;

// Once a day per blog set to "daily digest": one mail to each owner with every comment of the last day, and to each
// post author with the comments on their posts. Days are half-open, [since, until), so each comment is in one. A blog's digest is claimed by one conditional update of its
// LastCommentDigestAt, so with several nodes it is still sent once.
public sealed class CommentDigest(IServiceScopeFactory scopes, IOptions<CommentOptions> options, IOptions<MailOptions> mail,
    TimeProvider time, ILogger<CommentDigest> logger) : BackgroundService
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!mail.Value.Enabled)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(options.Value.DigestCheckInterval, stoppingToken);
            try
            {
                await SendDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Sending comment digests failed.");
            }
        }
    }

    private async Task SendDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QalamDb>();
        var now = time.GetUtcNow().UtcDateTime;
        var dayAgo = now - Day;
        var due = await db.Blogs.AsNoTracking()
            .Where(b => b.CommentNotifications == CommentNotifications.DailyDigest && (b.LastCommentDigestAt == null || b.LastCommentDigestAt <= dayAgo))
            .Select(b => new { b.Id, b.LastCommentDigestAt })
            .ToListAsync(cancellationToken);
        foreach (var blog in due)
        {
            var claimed = await db.Blogs.Where(b => b.Id == blog.Id && b.LastCommentDigestAt == blog.LastCommentDigestAt)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.LastCommentDigestAt, now), cancellationToken);
            // A blog seen for the first time starts its first day now (the settings page does the same when the
            // owner chooses the digest), so nothing is sent at once.
            if (claimed == 1 && blog.LastCommentDigestAt is { } since)
            {
                await SendAsync(scope.ServiceProvider, blog.Id, since, now, cancellationToken);
            }
        }
    }

    private static async Task SendAsync(IServiceProvider services, int blogId, DateTime since, DateTime until, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<QalamDb>();
        var blog = await db.Blogs.AsNoTracking().Where(b => b.Id == blogId).Select(BlogView.FromBlog).SingleAsync(cancellationToken);
        var comments = await db.Comments.AsNoTracking()
            .Where(c => c.BlogId == blogId && c.CreatedAt >= since && c.CreatedAt < until
                && (c.Status == CommentStatus.Approved || c.Status == CommentStatus.Pending))
            .Join(db.Posts, c => c.PostId, p => p.Id, (c, p) => new { c.Id, c.AuthorName, c.Body, c.Status, c.CreatedAt, p.Title, p.Slug, p.AuthorId })
            .OrderBy(c => c.CreatedAt)
            .ToListAsync(cancellationToken);
        if (comments.Count == 0)
        {
            return;
        }
        var notifier = services.GetRequiredService<CommentNotifier>();
        var outbox = services.GetRequiredService<Outbox>();
        var owners = await notifier.RecipientsAsync(blogId, [], cancellationToken);
        var authors = await db.Users.AsNoTracking()
            .Where(u => u.Email != null && comments.Select(c => c.AuthorId).Contains(u.Id))
            .Select(u => new { u.Id, Email = u.Email! })
            .ToListAsync(cancellationToken);
        var site = services.GetRequiredService<BlogAddresses>().Site();
        var text = UiText.For(blog.Language);
        var recipients = owners.Select(email => (Email: email, AuthorId: (string?)null))
            .Concat(authors.Where(a => !owners.Contains(a.Email, StringComparer.OrdinalIgnoreCase)).Select(a => (a.Email, AuthorId: (string?)a.Id)));
        foreach (var (email, authorId) in recipients)
        {
            var mine = comments.Where(c => authorId is null || c.AuthorId == authorId).ToList();
            if (mine.Count == 0)
            {
                continue;
            }
            var body = new StringBuilder().AppendLine(text["Mail.Digest.Intro", blog.Title, text.Number(mine.Count)]).AppendLine();
            foreach (var comment in mine)
            {
                body.AppendLine($"— {comment.AuthorName} · {comment.Title}{(comment.Status == CommentStatus.Pending ? " · " + text["Mail.Digest.Held"] : "")}")
                    .AppendLine(comment.Body)
                    .AppendLine(comment.Status == CommentStatus.Pending ? CommentNotifier.ModerationAddress(site, blog) : site.Comment(blog.Handle, comment.Slug, comment.Id))
                    .AppendLine();
            }
            body.AppendLine(text["Mail.Footer", blog.Title]);
            outbox.Add(email, text["Mail.Digest.Subject", blog.Title, text.Number(mine.Count)], body.ToString());
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
