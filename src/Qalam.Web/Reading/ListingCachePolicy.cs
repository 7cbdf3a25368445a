using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Qalam.Storage;

namespace Qalam.Reading;

// Added after the output cache's default rules (GET or HEAD, nobody signed in, a 200 without cookies): how long, and
// the content version in the key.
public sealed class ListingCachePolicy(IOptions<PostPageOptions> options, ContentVersion content) : IOutputCachePolicy
{
    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var lifetime = options.Value.PageCacheLifetime;
        if (lifetime <= TimeSpan.Zero)
        {
            context.EnableOutputCaching = false;
            return ValueTask.CompletedTask;
        }
        context.ResponseExpirationTimeSpan = lifetime;
        context.CacheVaryByRules.VaryByValues["content"] = content.Current.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;
}
