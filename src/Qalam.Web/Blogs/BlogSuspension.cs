using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Qalam.Storage;

namespace Qalam.Blogs;

public sealed record Suspension(BlogView Blog, string Reason, DateTime? DeleteAfter, bool NotYetPublic = false);

// Every public address of a suspended blog (pages, feeds, media, the API) answers 403 with the operator's reason,
// rendered by the status page in the blog's language (which asks this class for the reason); a blog not yet public (sign-up awaiting confirmation or the
// operator's approval) answers 404, as if it did not exist. The admin area stays open to the blog's people, so they can
// export their work. Checked once per request with a blog in its route, from a per-node cache of a few seconds, so a
// suspension made on another node shows within that time and the post page cache stays cheap.
public sealed class BlogSuspension(IServiceScopeFactory scopes, IMemoryCache cache, ContentVersion content)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var handle = (context.Request.RouteValues["blog"] ?? context.Request.RouteValues["handle"]) as string;
        if (handle is null || context.Request.Path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase)
            || await FindAsync(handle, context.RequestAborted) is not { } suspension)
        {
            await next(context);
            return;
        }
        if (suspension.NotYetPublic)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
    }

    // The status page asks again for the reason it shows (from the same cache).
    public async Task<Suspension?> FindAsync(string handle, CancellationToken cancellationToken)
    {
        handle = handle.ToLowerInvariant();
        // Keyed by the content version too, so this node's own suspensions take effect at once.
        var key = (typeof(BlogSuspension), handle, content.Current);
        if (cache.TryGetValue(key, out Suspension? known))
        {
            return known;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QalamDb>();
        var found = await db.Blogs.AsNoTracking().SingleOrDefaultAsync(b => b.Handle == handle, cancellationToken);
        var suspension = found is null || found.IsPublic ? null
            : new Suspension(BlogView.Of(found), found.SuspensionReason ?? "", found.DeleteAfter, NotYetPublic: found.SuspendedAt is null);
        cache.Set(key, suspension, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime, Size = 1 });
        return suspension;
    }
}
