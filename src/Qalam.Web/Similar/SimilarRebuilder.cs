using Qalam.Posts;

namespace Qalam.Similar;

// Recomputes a blog's similar-post lists after its posts change, off the request path. Changes that arrive
// while a rebuild runs are merged, so a burst of saves costs one rebuild per blog, not one per save.
public sealed class SimilarRebuilder(PostChanges changes, IServiceScopeFactory scopes, ILogger<SimilarRebuilder> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RebuildLoopAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping: `qalam reindex` or the next change rebuilds whatever was left.
        }
    }

    private async Task RebuildLoopAsync(CancellationToken stoppingToken)
    {
        var reader = changes.Reader;
        while (await reader.WaitToReadAsync(stoppingToken))
        {
            var blogs = new HashSet<int>();
            while (reader.TryRead(out var blogId))
            {
                blogs.Add(blogId);
            }
            foreach (var blogId in blogs)
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<SimilarPostsBuilder>().RebuildBlogAsync(blogId, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The lists stay as they were; the next change or `qalam reindex` rebuilds them.
                    logger.LogError(e, "Rebuilding similar posts of blog {BlogId} failed", blogId);
                }
            }
        }
    }
}
