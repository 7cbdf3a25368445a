using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Qalam.Storage;
using StackExchange.Redis;

namespace Qalam.Http;

// Makes the install's sliding limits: shared by every node through Redis when one is configured and reachable, this
// node's own otherwise.
public sealed class SlidingLimits(RedisLink redis, TimeProvider time)
{
    // `name` tells this limit's keys from other limits' in Redis; it must not change between versions that run side
    // by side.
    public SlidingLimit<TKey> Create<TKey>(string name, int limit, TimeSpan window) where TKey : notnull =>
        new(limit, window, new SharedWindow(redis, time, name, limit, window));
}

// At most `limit` takes per key within a sliding `window`. Taken by the code that can answer with the reader's text
// kept, rather than by ASP.NET Core's rate-limiting middleware.
//
// With Redis, the takes of every node are one log per key (a sorted set of take times): one sender behind a balancer
// gets the limit, not the limit times the nodes. This node also keeps its own count of the takes it allowed
// (System.Threading.RateLimiting, the limiters behind the middleware), and that count decides alone while Redis is
// away: the limits are then per node, as without Redis, and nobody gets an error for it.
public sealed class SlidingLimit<TKey> : IDisposable where TKey : notnull
{
    private readonly PartitionedRateLimiter<TKey> _limiter;
    private readonly SharedWindow _shared;

    internal SlidingLimit(int limit, TimeSpan window, SharedWindow shared)
    {
        _limiter = PartitionedRateLimiter.Create<TKey, TKey>(key => RateLimitPartition.GetSlidingWindowLimiter(key,
            _ => new SlidingWindowRateLimiterOptions { PermitLimit = limit, Window = window, SegmentsPerWindow = 6, QueueLimit = 0, AutoReplenishment = true }));
        _shared = shared;
    }

    public async ValueTask<bool> TryTakeAsync(TKey key)
    {
        if (await _shared.TryTakeAsync(key.ToString() ?? "") is { } allowed)
        {
            if (allowed)
            {
                TakeHere(key);
            }
            return allowed;
        }
        return TakeHere(key);
    }

    // Whether the next take would be refused, without taking.
    public async ValueTask<bool> IsSpentAsync(TKey key) =>
        await _shared.IsSpentAsync(key.ToString() ?? "") is { } spent
            ? spent
            : _limiter.GetStatistics(key)?.CurrentAvailablePermits <= 0;

    private bool TakeHere(TKey key)
    {
        using var lease = _limiter.AttemptAcquire(key);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}

// One limit's log in Redis. Each answer is null when Redis could not give one (not configured, not connected, or it
// failed or took over half a second): the caller then decides by this node's count.
internal sealed class SharedWindow(RedisLink redis, TimeProvider time, string name, int limit, TimeSpan window)
{
    // Drops the takes older than the window, then either counts (ARGV[5] = 0) or adds this take if there is room
    // (the new count, or -1 when full). One script, so two nodes cannot both take the last place.
    private const string Script = """
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[1]) - tonumber(ARGV[2]))
        local n = redis.call('ZCARD', KEYS[1])
        if ARGV[5] == '0' then return n end
        if n >= tonumber(ARGV[3]) then return -1 end
        redis.call('ZADD', KEYS[1], ARGV[1], ARGV[4])
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        return n + 1
        """;

    public async ValueTask<bool?> TryTakeAsync(string key) => await RunAsync(key, take: true) is { } n ? n >= 0 : null;

    public async ValueTask<bool?> IsSpentAsync(string key) => await RunAsync(key, take: false) is { } n ? n >= limit : null;

    private async ValueTask<long?> RunAsync(string key, bool take)
    {
        if (redis.Database is not { } database)
        {
            if (redis.IsConfigured)
            {
                redis.Unreachable("not connected");
            }
            return null;
        }
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        try
        {
            var result = await database.ScriptEvaluateAsync(Script,
                [new RedisKey($"{redis.KeyPrefix}limit:{name}:{Hashed(key)}")],
                [
                    now, (long)window.TotalMilliseconds, limit,
                    now.ToString(CultureInfo.InvariantCulture) + ":" + Guid.NewGuid().ToString("N"), take ? 1 : 0,
                ]);
            return (long)result;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            redis.Unreachable("a limit could not be read", e);
            return null;
        }
    }

    // Keys name senders and e-mail addresses; Redis holds only a digest of them.
    private static string Hashed(string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 16));
}
