using Microsoft.EntityFrameworkCore;

namespace Qalam.Storage;

// SQLite chooses how to run a query from statistics of its tables and indexes (sqlite_stat1), which nothing gathers
// unless asked. Without them it guesses that an index on a column of few values (a post's status) narrows as much as
// a list of ten ids, and the one lookup each search makes (are the page's hits still published?) walked every
// published post: 19 ms at 100,000 posts, 0.14 ms once the statistics were there. PostgreSQL's autovacuum gathers its
// own. Here, at start and then every ten minutes, SQLite's `PRAGMA optimize`: it analyzes only the tables whose size
// changed much since they were last analyzed, each from a sample of rows (analysis_limit), so a round with nothing to
// do costs next to nothing and a large one a fraction of a second.
public sealed class SqliteStatistics(IServiceScopeFactory scopes, ILogger<SqliteStatistics> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    public static async Task RefreshAsync(QalamDb db, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite())
        {
            return;
        }
        // 0x10002: look at every table, not only those this connection has queried (the connection is a fresh one).
        await db.Database.ExecuteSqlRawAsync("PRAGMA analysis_limit=1000; PRAGMA optimize=0x10002;", cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            using var timer = new PeriodicTimer(Interval);
            do
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await RefreshAsync(scope.ServiceProvider.GetRequiredService<QalamDb>(), stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Could not bring SQLite's query statistics up to date; will try again in ten minutes");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException)
        {
            // Stopping: nothing to finish.
        }
    }
}
