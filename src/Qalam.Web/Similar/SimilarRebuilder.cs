using Qalam.Posts;

namespace Qalam.Similar;

// Recomputes similar-post lists after posts change, off the request path: one changed post is ranked alone
// (SimilarPostsBuilder.UpdatePostAsync); a bulk change (an import), or many posts of a blog changed at once, rebuilds
// the blog. Changes that arrive while it works are merged, so a burst of saves costs one pass.
public sealed class SimilarRebuilder(PostChanges changes, IServiceScopeFactory scopes, ILogger<SimilarRebuilder> logger) : BackgroundService
{
    private const int ManyPosts = 50;

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
            var pending = new Dictionary<int, HashSet<int>?>();
            while (reader.TryRead(out var change))
            {
                if (change.PostId is not { } postId)
                {
                    pending[change.BlogId] = null;
                }
                else if (!pending.TryGetValue(change.BlogId, out var posts))
                {
                    pending[change.BlogId] = [postId];
                }
                else
                {
                    posts?.Add(postId);
                }
            }
            foreach (var (blogId, posts) in pending)
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var builder = scope.ServiceProvider.GetRequiredService<SimilarPostsBuilder>();
                    if (posts is null || posts.Count > ManyPosts)
                    {
                        await builder.RebuildBlogAsync(blogId, stoppingToken);
                        continue;
                    }
                    foreach (var postId in posts)
                    {
                        await builder.UpdatePostAsync(blogId, postId, stoppingToken);
                    }
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
