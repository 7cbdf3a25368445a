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
        if (status is { } wanted)
        {
            query = query.Where(Post.InStatus(wanted, now));
        }
        query = query.OrderByDescending(p => p.UpdatedAt).ThenByDescending(p => p.Id);

        List<int> ids;
        int total;
        var words = search is null ? [] : TextFolding.Words(search).ToList();
        if (words.Count == 0)
        {
            total = await query.CountAsync(cancellationToken);
            ids = await query.Skip(PageOfRows.Skip(page, pageSize)).Take(pageSize).Select(p => p.Id).ToListAsync(cancellationToken);
        }
        else
        {
            // Titles are matched folded (Arabic letter forms, diacritics, ZWNJ), which SQL LIKE cannot do, so only
            // a search reads every title of the list; the rows themselves are read for one page.
            var titles = await query.Select(p => new { p.Id, p.Title }).ToListAsync(cancellationToken);
            var matching = titles.Where(t => words.All(w => TextFolding.Fold(t.Title).Contains(w, StringComparison.Ordinal))).ToList();
            total = matching.Count;
            ids = [.. matching.Skip(PageOfRows.Skip(page, pageSize)).Take(pageSize).Select(t => t.Id)];
        }
        var rows = await db.Posts.AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new
            {
                p.Id,
                p.Title,
                p.Slug,
                p.Language,
                p.Status,
                p.PublishedAt,
                p.UpdatedAt,
                p.VisitCount,
                Author = db.Users.Where(u => u.Id == p.AuthorId).Select(u => u.DisplayName).FirstOrDefault(),
                Comments = db.Set<Comment>().Count(c => c.PostId == p.Id && c.Status == CommentStatus.Approved),
            })
            .ToDictionaryAsync(r => r.Id, cancellationToken);
        return ([.. ids.Where(rows.ContainsKey).Select(id => rows[id]).Select(r => new AdminPostRow(r.Id, r.Title, r.Slug, r.Language,
            Post.StatusAt(r.Status, r.PublishedAt, now), r.PublishedAt, r.UpdatedAt, r.Author, r.VisitCount, r.Comments))], total);
    }
}
