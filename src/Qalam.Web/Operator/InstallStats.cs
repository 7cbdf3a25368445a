using Microsoft.EntityFrameworkCore;
using Qalam.Blogs;
using Qalam.Comments;
using Qalam.Posts;
using Qalam.Storage;
using Qalam.Visits;

namespace Qalam.Operator;

public sealed record InstallCounts(int Blogs, int PublicBlogs, int Posts, int Comments, int People);

public sealed record SpamByBlog(string Handle, string Title, int Spam);

// Install-wide numbers for the operator: how big the install is, visits per day across every blog, and where
// comments are held as spam.
public sealed class InstallStats(QalamDb db, TimeProvider time)
{
    public async Task<InstallCounts> CountsAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return new InstallCounts(
            await db.Blogs.CountAsync(cancellationToken),
            await db.Blogs.CountAsync(Blog.Public, cancellationToken),
            await db.Posts.CountAsync(Post.VisibleAt(now), cancellationToken),
            await db.Comments.CountAsync(c => c.Status == CommentStatus.Approved, cancellationToken),
            await db.Users.CountAsync(cancellationToken));
    }

    // Days in UTC; each blog counts its visits in its own calendar day, so this is their sum per stored day.
    public async Task<List<DayVisits>> VisitsAsync(int days, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var from = today.AddDays(1 - days);
        var stored = await db.PostVisitDays.AsNoTracking().Where(v => v.Day >= from && v.Day <= today)
            .GroupBy(v => v.Day).Select(g => new { g.Key, Visits = g.Sum(v => v.Visits) })
            .ToDictionaryAsync(g => g.Key, g => g.Visits, cancellationToken);
        return [.. Enumerable.Range(0, days).Select(i => from.AddDays(i)).Select(day => new DayVisits(day, stored.GetValueOrDefault(day)))];
    }

    public Task<List<SpamByBlog>> SpamAsync(int take, CancellationToken cancellationToken) =>
        db.Comments.AsNoTracking().Where(c => c.Status == CommentStatus.Spam)
            .GroupBy(c => c.BlogId).Select(g => new { BlogId = g.Key, Count = g.Count() })
            .OrderByDescending(g => g.Count).Take(take)
            .Join(db.Blogs, g => g.BlogId, b => b.Id, (g, b) => new SpamByBlog(b.Handle, b.Title, g.Count))
            .ToListAsync(cancellationToken);
}
