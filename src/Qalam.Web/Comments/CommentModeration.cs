using Microsoft.EntityFrameworkCore;
using Qalam.Accounts;
using Qalam.Blogs;
using Qalam.Posts;
using Qalam.Storage;

namespace Qalam.Comments;

public sealed record ModerationItem(int Id, int PostId, string PostTitle, string PostSlug, string? PostAuthorId, int? ParentId,
    string AuthorName, string? AuthorEmail, string? AuthorWebsite, string Body, CommentStatus Status, DateTime CreatedAt,
    string? Reasons, string? ClientAddress)
{
    public IReadOnlyList<CommentReason> WhyHeld => CommentReason.Parse(Reasons);
}

public enum ModerationAction
{
    Approve,
    Hold,
    Spam,
    Delete,
}

// The moderation queue of one blog, limited to the comments the person may moderate. Every approve and spam
// decision teaches the blog's learning filter (SpamFilter); approving a reply tells those who asked to hear of it.
public sealed class CommentModeration(QalamDb db, SpamFilter filter, CommentNotifier notifier)
{
    public const int PageSize = 30;

    public async Task<(List<ModerationItem> Items, int Total)> QueueAsync(BlogAccess access, CommentStatus status, int? postId, int page,
        CancellationToken cancellationToken, int pageSize = PageSize)
    {
        var query = Visible(access).Where(x => x.Comment.Status == status);
        if (postId is { } id)
        {
            query = query.Where(x => x.Comment.PostId == id);
        }
        var total = await query.CountAsync(cancellationToken);
        var items = await query
            .OrderByDescending(x => x.Comment.CreatedAt).ThenByDescending(x => x.Comment.Id)
            .Skip(PageOfRows.Skip(page, pageSize)).Take(pageSize)
            .Select(ToItem)
            .ToListAsync(cancellationToken);
        return (items, total);
    }

    public Task<ModerationItem?> FindAsync(BlogAccess access, int commentId, CancellationToken cancellationToken) =>
        Visible(access).Where(x => x.Comment.Id == commentId)
            .Select(ToItem)
            .SingleOrDefaultAsync(cancellationToken);

    public Task<Dictionary<CommentStatus, int>> CountsAsync(BlogAccess access, CancellationToken cancellationToken) =>
        Visible(access).Where(x => x.Comment.Status != CommentStatus.Deleted)
            .GroupBy(x => x.Comment.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

    // Applies an action to the comments among `ids` that the person may moderate; returns how many changed.
    // A deleted comment disappears everywhere but its row stays, so replies to it stay attached to the thread.
    public async Task<int> ApplyAsync(BlogAccess access, IReadOnlyCollection<int> ids, ModerationAction action, SiteAddress site,
        CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var comments = await Visible(access).Where(x => ids.Contains(x.Comment.Id)).Select(x => x.Comment).ToListAsync(cancellationToken);
        foreach (var comment in comments)
        {
            switch (action)
            {
                case ModerationAction.Approve:
                    comment.Approve();
                    await TeachAsync(comment, SpamLesson.Ham, cancellationToken);
                    break;
                case ModerationAction.Hold:
                    comment.Hold();
                    break;
                case ModerationAction.Spam:
                    comment.MarkSpam();
                    await TeachAsync(comment, SpamLesson.Spam, cancellationToken);
                    break;
                case ModerationAction.Delete:
                    comment.Delete();
                    break;
            }
        }
        await notifier.RepliesAsync(access.Blog, comments, site, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return comments.Count;
    }

    // A changed decision takes back the old lesson before teaching the new one, so each comment counts once.
    private async Task TeachAsync(Comment comment, SpamLesson lesson, CancellationToken cancellationToken)
    {
        if (comment.Lesson == lesson)
        {
            return;
        }
        var tokens = SpamFilter.Tokens(comment.Body, comment.AuthorEmail, comment.AuthorWebsite);
        var spam = (lesson == SpamLesson.Spam ? 1 : 0) - (comment.Lesson == SpamLesson.Spam ? 1 : 0);
        var ham = (lesson == SpamLesson.Ham ? 1 : 0) - (comment.Lesson == SpamLesson.Ham ? 1 : 0);
        await filter.TeachAsync(comment.BlogId, tokens, spam, ham, cancellationToken);
        comment.Taught(lesson);
    }

    private IQueryable<Row> Visible(BlogAccess access)
    {
        var query = db.Comments.Where(c => c.BlogId == access.Blog.Id)
            .Join(db.Posts, c => c.PostId, p => p.Id, (c, p) => new Row { Comment = c, Post = p });
        if (!access.CanModerateAll)
        {
            var me = access.Viewer.UserId;
            query = query.Where(x => x.Post.AuthorId == me);
        }
        return query;
    }

    private static readonly System.Linq.Expressions.Expression<Func<Row, ModerationItem>> ToItem = x =>
        new ModerationItem(x.Comment.Id, x.Post.Id, x.Post.Title, x.Post.Slug, x.Post.AuthorId, x.Comment.ParentId,
            x.Comment.AuthorName, x.Comment.AuthorEmail, x.Comment.AuthorWebsite, x.Comment.Body, x.Comment.Status, x.Comment.CreatedAt,
            x.Comment.Reasons, x.Comment.ClientAddress);

    private sealed class Row
    {
        public required Comment Comment { get; init; }
        public required Posts.Post Post { get; init; }
    }
}
