using Microsoft.Extensions.Options;
using Npgsql;

namespace Qalam.Storage;

// Tells the other nodes on the same PostgreSQL database, through its own LISTEN/NOTIFY, that this node saved
// something, and moves this node's ContentVersion when another one says so: an edit made through one node drops
// every node's cached pages within milliseconds, not when their copies expire. No Redis is needed for it; nodes
// without the database cannot save anything to tell about.
//
// A notice goes out after the save it tells of is committed (ContentVersion moves after SaveChanges and again after
// the commit of a transaction around it), so a node that renders again on hearing it reads the change. Saves close
// together share one notice: while one is being sent, the moves behind it wait for the next. Listening on a
// connection of its own, the node treats every time it was not listening (a PostgreSQL restart, a network break) as a
// change it may have missed, and moves the version when it listens again.
public sealed class ContentChangeNotices(IOptions<StorageOptions> storage, ContentVersion version, ILogger<ContentChangeNotices> log)
    : BackgroundService
{
    public const string Channel = "qalam_content";

    // Tells this process's notices from others' on the channel.
    private readonly string _node = Guid.NewGuid().ToString("N");

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Task.Run(() => ListenAsync(stoppingToken), stoppingToken), Task.Run(() => TellAsync(stoppingToken), stoppingToken));

    private async Task TellAsync(CancellationToken stop)
    {
        var told = version.MovedHere;
        while (!stop.IsCancellationRequested)
        {
            var next = version.NextMoveHere;
            if (version.MovedHere == told)
            {
                await next.WaitAsync(stop);
            }
            var now = version.MovedHere;
            try
            {
                await using var connection = new NpgsqlConnection(storage.Value.ConnectionString);
                await connection.OpenAsync(stop);
                await using var command = new NpgsqlCommand("SELECT pg_notify(@channel, @node)", connection);
                command.Parameters.AddWithValue("channel", Channel);
                command.Parameters.AddWithValue("node", _node);
                await command.ExecuteNonQueryAsync(stop);
                told = now;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException && !stop.IsCancellationRequested)
            {
                // The others keep their copies until they expire; told again once the database answers.
                log.LogWarning(e, "Other nodes could not be told of a change; trying again in a second.");
                await Wait(stop);
            }
        }
    }

    private async Task ListenAsync(CancellationToken stop)
    {
        var builder = new NpgsqlConnectionStringBuilder(storage.Value.ConnectionString)
        {
            Pooling = false,
            KeepAlive = 5,
            ApplicationName = "qalam-listen",
        };
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                connection.Notification += (_, notice) =>
                {
                    if (notice.Payload != _node)
                    {
                        version.MovedElsewhere();
                    }
                };
                await connection.OpenAsync(stop);
                await using (var command = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await command.ExecuteNonQueryAsync(stop);
                }
                // Whatever others changed while this node was not listening.
                version.MovedElsewhere();
                while (!stop.IsCancellationRequested)
                {
                    await connection.WaitAsync(stop);
                }
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or System.IO.IOException && !stop.IsCancellationRequested)
            {
                log.LogWarning(e, "Not hearing of other nodes' changes (cached pages fall back to their lifetime); listening again in a second.");
                version.MovedElsewhere();
                await Wait(stop);
            }
        }
    }

    // Real time, not the site's TimeProvider: a retry must not wait for a test's frozen clock.
    private static async Task Wait(CancellationToken stop)
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(1), stop);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
