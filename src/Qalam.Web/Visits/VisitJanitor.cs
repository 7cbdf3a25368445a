using Microsoft.EntityFrameworkCore;
using Qalam.Storage;

namespace Qalam.Visits;

// Forgets reader hashes and salts once no blog's calendar can still be on their day.
public sealed class VisitJanitor(IServiceScopeFactory scopes, TimeProvider time, ILogger<VisitJanitor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), time);
        try
        {
            await ForgetLoopAsync(timer, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping (or a start that failed and disposed the timer): nothing to finish.
        }
    }

    private async Task ForgetLoopAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<QalamDb>();
                var cutoff = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(-2);
                await db.VisitReaders.Where(r => r.Day < cutoff).ExecuteDeleteAsync(stoppingToken);
                await db.VisitSalts.Where(s => s.Day < cutoff).ExecuteDeleteAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Could not forget old visit readers; will try again in an hour");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
