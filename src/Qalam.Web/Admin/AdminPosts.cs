using Microsoft.EntityFrameworkCore;
using Qalam.Accounts;
using Qalam.Comments;
using Qalam.Posts;
using Qalam.Storage;
using Qalam.Text;

namespace Qalam.Admin;

public sealed record AdminPostRow(int Id, string Title, string Slug, string Language, EffectivePostStatus Status, DateTime? PublishedAt,
    DateTime UpdatedAt, string? Author, long Visits, int Comments);

// The posts list of the admin area: the posts a person may work on, filtered by status and searched by title.
public sealed class AdminPosts(QalamDb db, TimeProvider time)
{
    public async Task<(List<AdminPostRow> Rows, int Total)> ListAsync(BlogAccess access, EffectivePostStatus? status, string? search,
        int page, int pageSize, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var query = db.Posts.AsNoTracking().Where(p => p.BlogId == access.Blog.Id);
        if (!access.CanSeeAllPosts)
        {
            var me = access.Viewer.UserId;
            query = query.Where(p => p.AuthorId == me);
        }
        query = status switch
        {
            EffectivePostStatus.Draft => query.Where(p => p.Status == PostStatus.Draft),
            EffectivePostStatus.Scheduled => query.Where(p => p.Status == PostStatus.Published && p.PublishedAt > now),
            EffectivePostStatus.Published => query.Where(Post.VisibleAt(now)),
            _ => query,
        };
        var rows = await query
            .OrderByDescending(p => p.UpdatedAt).ThenByDescending(p => p.Id)
            .Select(p => new
            {
                p.Id, p.Title, p.Slug, p.Language, p.Status, p.PublishedAt, p.UpdatedAt, p.VisitCount,
                Author = db.Users.Where(u => u.Id == p.AuthorId).Select(u => u.DisplayName).FirstOrDefault(),
                Comments = db.Comments.Count(c => c.PostId == p.Id && c.Status == CommentStatus.Approved),
            })
            .ToListAsync(cancellationToken);
        // Titles are matched folded (Arabic letter forms, diacritics, ZWNJ), which SQL LIKE cannot do.
        var words = search is null ? [] : TextFolding.Words(search).ToList();
        var matching = rows.Where(r => words.Count == 0 || words.All(w => TextFolding.Fold(r.Title).Contains(w, StringComparison.Ordinal))).ToList();
        return ([.. matching.Skip((page - 1) * pageSize).Take(pageSize).Select(r => new AdminPostRow(r.Id, r.Title, r.Slug, r.Language,
            Post.StatusAt(r.Status, r.PublishedAt, now), r.PublishedAt, r.UpdatedAt, r.Author, r.VisitCount, r.Comments))], matching.Count);
    }
}
