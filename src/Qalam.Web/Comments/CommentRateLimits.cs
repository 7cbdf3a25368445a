using Microsoft.Extensions.Options;
using Qalam.Http;

namespace Qalam.Comments;

public enum RateLimitHit
{
    Address,
    Blog,
}

// Comments per sending address and per blog (CommentOptions): across all nodes with Redis, per node without it.
public sealed class CommentRateLimits(IOptions<CommentOptions> options, SlidingLimits limits) : IDisposable
{
    private readonly SlidingLimit<string> _addresses = limits.Create<string>("comment-address", options.Value.AddressLimit, options.Value.AddressWindow);
    private readonly SlidingLimit<int> _blogs = limits.Create<int>("comment-blog", options.Value.BlogLimit, options.Value.BlogWindow);

    public async ValueTask<RateLimitHit?> TryTakeAsync(int blogId, string? address) =>
        !await _addresses.TryTakeAsync(address ?? "") ? RateLimitHit.Address
        : !await _blogs.TryTakeAsync(blogId) ? RateLimitHit.Blog
        : null;

    public void Dispose()
    {
        _addresses.Dispose();
        _blogs.Dispose();
    }
}
