using Microsoft.EntityFrameworkCore;
using Qalam.Blogs;
using Qalam.Posts;
using Qalam.Storage;

namespace Qalam.Visits;

public sealed record DayVisits(DateOnly Day, long Visits);

public sealed record PostVisits(int Id, string Title, string Slug, string Language, long Visits);

public sealed record ReferrerVisits(string Host, long Visits);

public sealed record BlogStats(int Days, List<DayVisits> Series, long Total, List<PostVisits> TopPosts, List<ReferrerVisits> TopReferrers);

// Stored counts only: visits still buffered on a node join them within one flush interval.
public sealed class VisitStats(QalamDb db, TimeProvider time)
{
    public static readonly int[] Periods = [30, 90, 365];
    public const int TopCount = 10;

    // One entry per day of the blog's calendar, oldest first, days without visits included as zero.
    public async Task<List<DayVisits>> LastDaysAsync(BlogView blog, int days, CancellationToken cancellationToken, int? postId = null)
    {
        var first = FirstDay(blog, days);
        var stored = await db.PostVisitDays.AsNoTracking()
            .Where(v => v.Day >= first && (postId == null || v.PostId == postId) && db.Set<Post>().Any(p => p.Id == v.PostId && p.BlogId == blog.Id))
            .GroupBy(v => v.Day)
            .Select(g => new { Day = g.Key, Visits = g.Sum(v => v.Visits) })
            .ToDictionaryAsync(g => g.Day, g => g.Visits, cancellationToken);
        return [.. Enumerable.Range(0, days).Select(i => first.AddDays(i)).Select(d => new DayVisits(d, stored.GetValueOrDefault(d)))];
    }

    public async Task<BlogStats> ForBlogAsync(BlogView blog, int days, int? postId, CancellationToken cancellationToken)
    {
        var first = FirstDay(blog, days);
        var series = await LastDaysAsync(blog, days, cancellationToken, postId);
        var ranked = await db.PostVisitDays.AsNoTracking()
            .Where(v => v.Day >= first)
            .Join(db.Posts.Where(p => p.BlogId == blog.Id), v => v.PostId, p => p.Id, (v, p) => new { p.Id, v.Visits })
            .GroupBy(x => x.Id)
            .Select(g => new { Id = g.Key, Visits = g.Sum(x => x.Visits) })
            .OrderByDescending(x => x.Visits).ThenBy(x => x.Id)
            .Take(TopCount)
            .ToListAsync(cancellationToken);
        var ids = ranked.Select(r => r.Id).ToList();
        var posts = await db.Posts.AsNoTracking().Where(p => ids.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => new { p.Title, p.Slug, p.Language }, cancellationToken);
        var top = ranked.Select(r => new PostVisits(r.Id, posts[r.Id].Title, posts[r.Id].Slug, posts[r.Id].Language, r.Visits)).ToList();
        var referrers = await db.PostReferrerDays.AsNoTracking()
            .Where(r => r.Day >= first && (postId == null || r.PostId == postId) && db.Set<Post>().Any(p => p.Id == r.PostId && p.BlogId == blog.Id))
            .GroupBy(r => r.Host)
            .Select(g => new { Host = g.Key, Visits = g.Sum(r => r.Visits) })
            .OrderByDescending(r => r.Visits).ThenBy(r => r.Host)
            .Take(TopCount)
            .ToListAsync(cancellationToken);
        return new BlogStats(days, series, series.Sum(d => d.Visits), top, [.. referrers.Select(r => new ReferrerVisits(r.Host, r.Visits))]);
    }

    private DateOnly FirstDay(BlogView blog, int days) => blog.DayAt(time.GetUtcNow().UtcDateTime).AddDays(1 - days);
}
