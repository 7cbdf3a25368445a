using Microsoft.Extensions.Options;

namespace Qalam.Visits;

// Writes buffered visits every Visits:FlushInterval, and everything that is left when the app stops gracefully.
public sealed class VisitFlusher(VisitBuffer buffer, IServiceScopeFactory scopes, IOptions<VisitOptions> options,
    ILogger<VisitFlusher> logger) : BackgroundService
{
    private const int BatchSize = 20_000;
    // Never disposed: a host may call StopAsync (and so flush) after disposing its services, and a SemaphoreSlim
    // that never hands out its wait handle holds nothing to release.
    private readonly SemaphoreSlim _gate = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.FlushInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // The host is stopping: write what is left, whatever the stop token says, so a graceful stop loses nothing.
        await FlushAsync(CancellationToken.None);
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            while (buffer.Count > 0)
            {
                var batch = buffer.Take(BatchSize);
                if (batch.Count == 0)
                {
                    return;
                }
                buffer.BeginWrite();
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var newByPost = await scope.ServiceProvider.GetRequiredService<VisitWriter>().WriteAsync(batch, cancellationToken);
                    buffer.Written(batch, newByPost);
                }
                catch (Exception e)
                {
                    // Nothing taken is dropped: the batch goes back, to be written by the next flush or the final one.
                    buffer.Return(batch);
                    if (e is OperationCanceledException && cancellationToken.IsCancellationRequested)
                    {
                        throw;
                    }
                    logger.LogError(e, "Writing {Count} visits failed; they stay buffered and are retried", batch.Count);
                    return;
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
