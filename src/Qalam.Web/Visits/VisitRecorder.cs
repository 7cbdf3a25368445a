using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Qalam.Blogs;

namespace Qalam.Visits;

// The count a page shows, and the base from which it can be shown again later (see VisitRecorder.Show).
public readonly record struct VisitCount(long Shown, long Base);

// One visit per reader, per post, per day of the blog's calendar. The reader is recognized without cookies and
// without storing an address: a keyed hash of address and User-Agent, keyed by a salt that changes every day.
public sealed class VisitRecorder(CrawlerDetector crawlers, VisitSalts salts, VisitBuffer buffer, IMemoryCache seen,
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

    // What a reader is shown: the stored count plus the visits this node has counted and not yet written. That sum
    // counts every visit once only if no batch was written between reading the stored count (under `mark`) and
    // reading the pending visits, so while batches are written the stored count is read again (`readStored`).
    // The result also holds the count's base (see Show), for pages that are kept and shown again.
    public async Task<VisitCount> ShownAsync(int postId, long stored, long mark, Func<CancellationToken, Task<long>> readStored,
        CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var (pending, written) = buffer.CountsFor(postId);
            if ((mark % 2 == 0 && buffer.Sequence == mark) || attempt == 20)
            {
                // After 20 attempts a writer is stuck for long: an approximate count beats a page that waits.
                return new VisitCount(stored + pending, stored - written);
            }
            await Task.Delay(attempt == 0 ? 0 : 5, cancellationToken);
            mark = buffer.Sequence;
            stored = await readStored(cancellationToken);
        }
    }

    // The count to show now, from a base taken earlier: the stored count then, less what this node had written of
    // it, plus all this node has written and buffered since. Never waits for a batch being written: its visits
    // stay pending until they count as written, in one step. Visits written by other nodes since the base was
    // taken are not included; a page that keeps its base must therefore be kept only briefly.
    public long Show(int postId, long countBase)
    {
        var (pending, written) = buffer.CountsFor(postId);
        return countBase + written + pending;
    }

    // HMAC-SHA256(salt, "{address}\n{User-Agent}"). Setting up an HMAC costs more than hashing one short
    // identity, so each thread keeps one for the day's salt.
    [ThreadStatic]
    private static (byte[] Salt, IncrementalHash Hmac)? t_hmac;

    private static string ReaderKey(byte[] salt, VisitRequest request)
    {
        if (t_hmac is not { } cached || !ReferenceEquals(cached.Salt, salt))
        {
            t_hmac?.Hmac.Dispose();
            cached = (salt, IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, salt));
            t_hmac = cached;
        }
        var userAgent = request.UserAgent ?? "";
        var length = 80 + Encoding.UTF8.GetMaxByteCount(userAgent.Length);
        var rented = length > 1024 ? ArrayPool<byte>.Shared.Rent(length) : null;
        var identity = rented is null ? stackalloc byte[1024] : rented;
        var written = 0;
        if (request.ClientAddress is { } address)
        {
            address.TryFormat(identity, out written);
        }
        identity[written++] = (byte)'\n';
        written += Encoding.UTF8.GetBytes(userAgent, identity[written..]);
        cached.Hmac.AppendData(identity[..written]);
        Span<byte> hash = stackalloc byte[32];
        cached.Hmac.GetHashAndReset(hash);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
        return Convert.ToBase64String(hash);
    }
}
