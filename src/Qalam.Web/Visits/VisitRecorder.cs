using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Qalam.Blogs;
using Qalam.Storage;

namespace Qalam.Visits;

// One visit per reader, per post, per day of the blog's calendar. The reader is recognized without cookies and
// without storing an address: a keyed hash of address and User-Agent, keyed by a salt that changes every day.
public sealed class VisitRecorder(QalamDb db, CrawlerDetector crawlers, VisitSalts salts, VisitBuffer buffer, IMemoryCache seen,
    IOptions<VisitOptions> options, TimeProvider time)
{
    public async Task RecordAsync(BlogView blog, int postId, VisitRequest request, CancellationToken cancellationToken)
    {
        if (!options.Value.Counting || !HttpMethods.IsGet(request.Method) || request.IsPrefetch || crawlers.IsRobot(request.UserAgent))
        {
            return;
        }
        var day = blog.DayAt(time.GetUtcNow().UtcDateTime);
        var salt = await salts.ForDayAsync(day, cancellationToken);
        var reader = ReaderKey(salt, request);
        var seenKey = (postId, day, reader);
        if (seen.TryGetValue(seenKey, out _))
        {
            return;
        }

        // The cache only skips readers this node already buffered; the database still decides what is new when the
        // buffer is written, so two nodes, or a restart, never count one reader twice.
        seen.Set(seenKey, true, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = TimeSpan.FromHours(26) });
        buffer.Add(new PendingVisit(postId, day, reader, request.ReferrerHost));
    }

    // Taken before the page reads the post, so that ShownAsync can tell whether a batch was written meanwhile.
    public long Mark() => buffer.Sequence;

    // What a reader is shown: the stored count plus the visits this node has counted and not yet written. If a batch
    // was written while the page read the post, its stored count may or may not include that batch, so read again.
    public async Task<long> ShownAsync(int postId, long stored, long mark, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var pending = buffer.PendingFor(postId);
            if (mark % 2 == 0 && buffer.Sequence == mark)
            {
                return stored + pending;
            }
            if (attempt == 20)
            {
                // A writer stuck for long: an approximate count beats a page that waits.
                return stored + pending;
            }
            await Task.Delay(attempt == 0 ? 0 : 5, cancellationToken);
            mark = buffer.Sequence;
            stored = await db.Posts.AsNoTracking().Where(p => p.Id == postId).Select(p => p.VisitCount).SingleAsync(cancellationToken);
        }
    }

    private static string ReaderKey(byte[] salt, VisitRequest request)
    {
        var identity = Encoding.UTF8.GetBytes($"{request.ClientAddress}\n{request.UserAgent}");
        return Convert.ToBase64String(HMACSHA256.HashData(salt, identity));
    }
}

// The day's salt is shared through the database so that every node recognizes the same reader the same way.
public sealed class VisitSalts(IServiceScopeFactory scopes)
{
    private readonly Lock _gate = new();
    private (DateOnly Day, byte[] Salt)[] _recent = [];

    public async Task<byte[]> ForDayAsync(DateOnly day, CancellationToken cancellationToken)
    {
        foreach (var (known, salt) in Volatile.Read(ref _recent))
        {
            if (known == day)
            {
                return salt;
            }
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QalamDb>();
        var candidate = RandomNumberGenerator.GetBytes(32);
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO visit_salts (day, salt) VALUES ({day}, {candidate}) ON CONFLICT DO NOTHING", cancellationToken);
        var stored = await db.VisitSalts.AsNoTracking().Where(s => s.Day == day).Select(s => s.Salt).SingleAsync(cancellationToken);
        lock (_gate)
        {
            // Blogs in different time zones can be on different days at once; keep the last few.
            _recent = [.. _recent.Where(r => r.Day != day).TakeLast(3), (day, stored)];
        }
        return stored;
    }
}
