using Microsoft.Extensions.Options;

namespace Qalam.Operator;

// Removes blogs whose grace period ended, on every node (a blog already removed by another is simply not found).
public sealed class BlogPurger(IServiceScopeFactory scopes, IOptions<BlogOperatorOptions> options, ILogger<BlogPurger> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(options.Value.PurgeInterval, stoppingToken);
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                foreach (var handle in await scope.ServiceProvider.GetRequiredService<BlogOperator>().PurgeDueAsync(stoppingToken))
                {
                    logger.LogInformation("Blog {Handle} was removed at the end of its grace period.", handle);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Removing deleted blogs failed.");
            }
        }
    }
}
