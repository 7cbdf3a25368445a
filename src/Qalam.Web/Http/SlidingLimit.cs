using System.Threading.RateLimiting;

namespace Qalam.Http;

// At most `limit` takes per key within a sliding `window`, per node, from System.Threading.RateLimiting (the limiters
// behind ASP.NET Core's rate-limiting middleware). Taken by the code that can answer with the reader's text kept,
// rather than by the middleware.
public sealed class SlidingLimit<TKey> : IDisposable where TKey : notnull
{
    private readonly PartitionedRateLimiter<TKey> _limiter;

    public SlidingLimit(int limit, TimeSpan window) =>
        _limiter = PartitionedRateLimiter.Create<TKey, TKey>(key => RateLimitPartition.GetSlidingWindowLimiter(key,
            _ => new SlidingWindowRateLimiterOptions { PermitLimit = limit, Window = window, SegmentsPerWindow = 6, QueueLimit = 0, AutoReplenishment = true }));

    public bool TryTake(TKey key)
    {
        using var lease = _limiter.AttemptAcquire(key);
        return lease.IsAcquired;
    }

    // Whether the next take would be refused, without taking.
    public bool IsSpent(TKey key) => _limiter.GetStatistics(key)?.CurrentAvailablePermits <= 0;

    public void Dispose() => _limiter.Dispose();
}
