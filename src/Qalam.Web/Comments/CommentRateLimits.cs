using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Qalam.Comments;

public enum RateLimitHit
{
    Address,
    Blog,
}

// Sliding-window limits per sending address and per blog, from System.Threading.RateLimiting (the limiters behind
// ASP.NET Core's rate-limiting middleware). They are taken inside the comment submitter rather than by the
// middleware so that a refused reader gets the form back with their text and a clear message. Per node: with N
// nodes behind a balancer the limits are up to N times as generous.
public sealed class CommentRateLimits : IDisposable
{
    private readonly PartitionedRateLimiter<string> _addresses;
    private readonly PartitionedRateLimiter<int> _blogs;

    public CommentRateLimits(IOptions<CommentOptions> options)
    {
        var o = options.Value;
        _addresses = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetSlidingWindowLimiter(address,
            _ => Window(o.AddressLimit, o.AddressWindow)));
        _blogs = PartitionedRateLimiter.Create<int, int>(blog => RateLimitPartition.GetSlidingWindowLimiter(blog,
            _ => Window(o.BlogLimit, o.BlogWindow)));
    }

    public RateLimitHit? TryTake(int blogId, string? address)
    {
        using var byAddress = _addresses.AttemptAcquire(address ?? "");
        if (!byAddress.IsAcquired)
        {
            return RateLimitHit.Address;
        }
        using var byBlog = _blogs.AttemptAcquire(blogId);
        return byBlog.IsAcquired ? null : RateLimitHit.Blog;
    }

    private static SlidingWindowRateLimiterOptions Window(int limit, TimeSpan window) => new()
    {
        PermitLimit = limit,
        Window = window,
        SegmentsPerWindow = 6,
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    public void Dispose()
    {
        _addresses.Dispose();
        _blogs.Dispose();
    }
}
