using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Qalam.Storage;

public sealed class RedisOptions
{
    public const string Section = "Redis";

    // A StackExchange.Redis configuration string ("127.0.0.1:6379", "redis.internal:6379,password=…"). Empty: no
    // Redis, and what nodes would share there (rate limits) is kept per node.
    public string Configuration { get; set; } = "";

    // Put before every key, so that several installs (or test runs) can share one Redis.
    public string KeyPrefix { get; set; } = "qalam:";
}

// The connection to Redis, where nodes share fast-changing state, when one is configured. Redis is optional and may
// be away: callers ask for Database, get null while it is not connected, and fall back to what this node knows alone.
// Commands fail at once rather than wait in a queue while the connection is down (FailFast), and any one command
// waits at most half a second, so a Redis that stops answering costs a request little.
public sealed class RedisLink : IDisposable
{
    private readonly Task<ConnectionMultiplexer>? _connecting;
    private readonly ILogger<RedisLink> _log;
    private readonly TimeProvider _time;
    private long _lastWarning = long.MinValue;

    public RedisLink(IOptions<RedisOptions> options, ILogger<RedisLink> log, TimeProvider time)
    {
        _log = log;
        _time = time;
        KeyPrefix = options.Value.KeyPrefix;
        if (string.IsNullOrWhiteSpace(options.Value.Configuration))
        {
            return;
        }
        var configuration = ConfigurationOptions.Parse(options.Value.Configuration);
        configuration.AbortOnConnectFail = false;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        configuration.ConnectTimeout = 2000;
        configuration.SyncTimeout = 500;
        configuration.AsyncTimeout = 500;
        configuration.ConnectRetry = 1;
        configuration.ClientName ??= "qalam-" + Environment.MachineName;
        // Connected in the background: no request waits for a Redis that is slow to answer at start (until then the
        // limits are this node's), and the connection keeps trying again on its own while Redis is away.
        _connecting = ConnectionMultiplexer.ConnectAsync(configuration);
        _connecting.ContinueWith(t =>
        {
            if (!t.IsCompletedSuccessfully || !t.Result.IsConnected)
            {
                Unreachable("at start", t.Exception);
            }
        }, TaskScheduler.Default);
    }

    public bool IsConfigured => _connecting is not null;

    // Waits for the first connection, at most `limit`; the node starts either way.
    public Task FirstConnectionAsync(TimeSpan limit, CancellationToken cancellationToken) =>
        _connecting is null ? Task.CompletedTask : Task.WhenAny(_connecting, Task.Delay(limit, cancellationToken));

    public string KeyPrefix { get; }

    // The database while connected; null when Redis is not configured or not reachable now.
    public IDatabase? Database =>
        _connecting is { IsCompletedSuccessfully: true, Result: { IsConnected: true } connection } ? connection.GetDatabase() : null;

    // Says in the log, at most once a minute, that Redis could not be used and what the node does instead.
    public void Unreachable(string what, Exception? error = null)
    {
        var now = _time.GetTimestamp();
        var last = Interlocked.Read(ref _lastWarning);
        if (last != long.MinValue && _time.GetElapsedTime(last, now) < TimeSpan.FromMinutes(1))
        {
            return;
        }
        if (Interlocked.CompareExchange(ref _lastWarning, now, last) == last)
        {
            _log.LogWarning(error, "Redis is not reachable ({What}); limits are kept per node until it is back.", what);
        }
    }

    public void Dispose()
    {
        if (_connecting is { IsCompletedSuccessfully: true })
        {
            _connecting.Result.Dispose();
        }
    }
}

// Starts the connection with the node rather than at the first limit taken, and gives it up to two seconds, so that the
// first requests of a node that has Redis already count there.
public sealed class RedisStart(RedisLink redis) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => redis.FirstConnectionAsync(TimeSpan.FromSeconds(2), cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
