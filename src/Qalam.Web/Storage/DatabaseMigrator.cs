using Microsoft.EntityFrameworkCore;

namespace Qalam.Storage;

// Hosted services start in registration order and before the server accepts requests,
// so every feature registered after this one sees an up-to-date schema.
public sealed class DatabaseMigrator(IServiceScopeFactory scopes, ILogger<DatabaseMigrator> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => MigrateAsync(scopes, logger, cancellationToken);

    public static async Task MigrateAsync(IServiceScopeFactory scopes, ILogger logger, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QalamDb>();
        // Before the first release the migrations were merged into one Initial; a database made by an earlier build
        // holds migrations this one does not know, and applying Initial to it would fail table by table.
        var unknown = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Except(db.Database.GetMigrations()).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException($"This database was made by a development build of Qalam whose migrations ({unknown[0]}, …) " +
                "were since merged into one: back it up and start from an empty database.");
        }
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} migration(s): {Names}", pending.Count, string.Join(", ", pending));
        }
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // Write-ahead logging lets readers proceed while a visit or comment is being written.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
