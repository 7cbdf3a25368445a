using Microsoft.Extensions.Options;
using Qalam.Http;

namespace Qalam.Comments;

public enum RateLimitHit
{
    Address,
    Blog,
}

// Comments per sending address and per blog (CommentOptions). Per node: with N nodes behind a balancer the limits
// are up to N times as generous.
public sealed class CommentRateLimits(IOptions<CommentOptions> options) : IDisposable
{
    private readonly SlidingLimit<string> _addresses = new(options.Value.AddressLimit, options.Value.AddressWindow);
    private readonly SlidingLimit<int> _blogs = new(options.Value.BlogLimit, options.Value.BlogWindow);

    public RateLimitHit? TryTake(int blogId, string? address) =>
        !_addresses.TryTake(address ?? "") ? RateLimitHit.Address
        : !_blogs.TryTake(blogId) ? RateLimitHit.Blog
        : null;

    public void Dispose()
    {
        _addresses.Dispose();
        _blogs.Dispose();
    }
}
