using Microsoft.EntityFrameworkCore;
using Qalam.Accounts;
using Qalam.Blogs;
using Qalam.Comments;
using Qalam.Posts;
using Qalam.Storage;

namespace Qalam.Operator;

public sealed record SpamItem(int Id, string BlogHandle, string BlogTitle, string PostTitle, string PostSlug, string AuthorName,
    string? AuthorEmail, string Body, DateTime CreatedAt, string? Reasons, string? ClientAddress)
{
    public IReadOnlyList<CommentReason> WhyHeld => CommentReason.Parse(Reasons);
}

// Comments held as spam on every blog, for the install's operators: one spammer usually writes to many blogs, and
// from one address. Decisions go through each blog's own moderation (CommentModeration), so each blog's filter learns.
public sealed class SpamAcrossBlogs(QalamDb db, BlogAccessChecker access, CommentModeration moderation)
{
    public const int PageSize = 50;

    public async Task<(List<SpamItem> Items, int Total)> PageAsync(string? address, int page, CancellationToken cancellationToken)
    {
        var query = Held(address);
        var total = await query.CountAsync(cancellationToken);
        var items = await query
            .OrderByDescending(x => x.Comment.CreatedAt).ThenByDescending(x => x.Comment.Id)
            .Skip(PageOfRows.Skip(page, PageSize)).Take(PageSize)
            .Select(x => new SpamItem(x.Comment.Id, x.Blog.Handle, x.Blog.Title, x.Post.Title, x.Post.Slug, x.Comment.AuthorName,
                x.Comment.AuthorEmail, x.Comment.Body, x.Comment.CreatedAt, x.Comment.Reasons, x.Comment.ClientAddress))
            .ToListAsync(cancellationToken);
        return (items, total);
    }

    // Applies a decision to the chosen comments (or to every spam comment from `address`), blog by blog; returns how
    // many changed.
    public async Task<int> ApplyAsync(Viewer viewer, IReadOnlyCollection<int> ids, string? address, ModerationAction action, SiteAddress site,
        CancellationToken cancellationToken)
    {
        if (!viewer.IsInstallAdmin)
        {
            return 0;
        }
        var query = Held(string.IsNullOrWhiteSpace(address) ? null : address);
        if (string.IsNullOrWhiteSpace(address))
        {
            query = query.Where(x => ids.Contains(x.Comment.Id));
        }
        var chosen = await query.Select(x => new { x.Comment.Id, x.Blog.Handle }).ToListAsync(cancellationToken);
        var changed = 0;
        foreach (var blog in chosen.GroupBy(c => c.Handle))
        {
            if (await access.ForAsync(viewer, blog.Key, cancellationToken) is { } rights)
            {
                changed += await moderation.ApplyAsync(rights, [.. blog.Select(c => c.Id)], action, site, cancellationToken);
            }
        }
        return changed;
    }

    private IQueryable<Row> Held(string? address)
    {
        var comments = db.Comments.AsNoTracking().Where(c => c.Status == CommentStatus.Spam);
        if (!string.IsNullOrWhiteSpace(address))
        {
            var exact = address.Trim();
            comments = comments.Where(c => c.ClientAddress == exact);
        }
        return comments
            .Join(db.Posts, c => c.PostId, p => p.Id, (c, p) => new { c, p })
            .Join(db.Blogs, x => x.c.BlogId, b => b.Id, (x, b) => new Row { Comment = x.c, Post = x.p, Blog = b });
    }

    private sealed class Row
    {
        public required Comment Comment { get; init; }
        public required Posts.Post Post { get; init; }
        public required Blog Blog { get; init; }
    }
}
