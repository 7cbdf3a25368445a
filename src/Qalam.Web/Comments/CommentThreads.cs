using Microsoft.EntityFrameworkCore;
using Qalam.Storage;

namespace Qalam.Comments;

// Held: awaiting moderation, shown only to the person who wrote it (CommenterCookies).
public sealed record CommentNode(int Id, string AuthorName, string? AuthorWebsite, string Body, DateTime CreatedAt, bool Held = false)
{
    public List<CommentNode> Replies { get; } = [];
}

public sealed class CommentThreads(QalamDb db)
{
    // Approved comments in the order they were written, each reply under its parent, plus the reader's own held
    // comments among `heldIds`. A reply whose parent is no longer shown (held, spam, deleted) is lifted to the top
    // level rather than hidden with it.
    public async Task<List<CommentNode>> ForPostAsync(int postId, IReadOnlySet<int> heldIds, CancellationToken cancellationToken)
    {
        var held = heldIds.ToList();
        var rows = await db.Comments.AsNoTracking()
            .Where(c => c.PostId == postId && (c.Status == CommentStatus.Approved
                || (held.Contains(c.Id) && (c.Status == CommentStatus.Pending || c.Status == CommentStatus.Spam))))
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .Select(c => new { c.Id, c.ParentId, Node = new CommentNode(c.Id, c.AuthorName, c.AuthorWebsite, c.Body, c.CreatedAt, c.Status != CommentStatus.Approved) })
            .ToListAsync(cancellationToken);
        var byId = rows.ToDictionary(r => r.Id, r => r.Node);
        var roots = new List<CommentNode>();
        foreach (var row in rows)
        {
            if (row.ParentId is { } parent && byId.TryGetValue(parent, out var parentNode))
            {
                parentNode.Replies.Add(row.Node);
            }
            else
            {
                roots.Add(row.Node);
            }
        }
        return roots;
    }
}
