using Microsoft.Extensions.Options;

namespace Qalam.Blogs;

// Looks again at domains that do not point here yet, and at working ones, once per Hosting:DomainCheckInterval (a
// tenth of it between rounds; each round takes at most a hundred domains, the longest unchecked first).
public sealed class DomainChecker(IServiceScopeFactory scopes, IOptions<HostingOptions> options, ILogger<DomainChecker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pause = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerSecond * 10, options.Value.DomainCheckInterval.Ticks / 10));
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(pause, stoppingToken);
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var domains = scope.ServiceProvider.GetRequiredService<CustomDomains>();
                if (domains.Available)
                {
                    await domains.CheckDueAsync(stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Checking custom domains failed.");
            }
        }
    }
}
