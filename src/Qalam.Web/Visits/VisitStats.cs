using Microsoft.EntityFrameworkCore;
using Qalam.Blogs;
using Qalam.Storage;

namespace Qalam.Visits;

public sealed record DayVisits(DateOnly Day, long Visits);

public sealed class VisitStats(QalamDb db, TimeProvider time)
{
    // One entry per day of the blog's calendar, oldest first, days without visits included as zero.
    public async Task<List<DayVisits>> LastDaysAsync(BlogView blog, int days, CancellationToken cancellationToken)
    {
        var today = blog.DayAt(time.GetUtcNow().UtcDateTime);
        var first = today.AddDays(1 - days);
        var stored = await db.PostVisitDays.AsNoTracking()
            .Where(v => v.Day >= first && db.Posts.Any(p => p.Id == v.PostId && p.BlogId == blog.Id))
            .GroupBy(v => v.Day)
            .Select(g => new { Day = g.Key, Visits = g.Sum(v => v.Visits) })
            .ToDictionaryAsync(g => g.Day, g => g.Visits, cancellationToken);
        return [.. Enumerable.Range(0, days).Select(i => first.AddDays(i)).Select(d => new DayVisits(d, stored.GetValueOrDefault(d)))];
    }
}
