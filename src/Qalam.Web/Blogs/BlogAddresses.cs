using System.Collections.Frozen;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Qalam.Posts;
using Qalam.Storage;

namespace Qalam.Blogs;

// What a request's host says about the blog it is for.
public enum HostKind
{
    // A host the install does not serve: a subdomain that is no handle, a custom domain not (yet) verified.
    Unknown,

    // The install's own host, or any host when the install has no domain: blogs are at /{handle}.
    Install,

    // {handle}.{domain}, or a custom domain that points here.
    Blog,

    // www.{domain}: people type it; it redirects to the install's own host.
    InstallAlias,
}

public readonly record struct HostMatch(HostKind Kind, string? Handle = null);

// The one home of every blog's canonical address. Links on pages, in feeds, sitemaps, mail and the API are built here,
// so they all name the address readers are redirected to. Verified custom domains are kept per node and reloaded every
// few seconds (and at once on the node that changed them), so the lookup on each request costs no query.
public sealed class BlogAddresses(IOptions<HostingOptions> options, IServiceScopeFactory scopes, TimeProvider time) : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    private readonly HostString? _domain = options.Value.DomainHost;
    private readonly string _scheme = options.Value.Scheme;
    private volatile DomainMap _map = DomainMap.Empty;
    private readonly SemaphoreSlim _loading = new(1, 1);

    public bool HasDomain => _domain is not null;

    // The blog's root: relative (/{handle}) when blogs live at a path prefix, else absolute.
    public string Root(string handle) => OwnHost(handle) is { } host ? $"{_scheme}://{host}" : $"/{handle}";

    // The host (with its port, if any) of the blog's canonical address, when that is a host of its own: its main
    // custom domain, else {handle}.{domain}; null when blogs live at a path prefix.
    public string? OwnHost(string handle) =>
        Current().PrimaryOf.TryGetValue(handle, out var host) ? host
        : _domain is { } domain ? $"{handle}.{domain.ToUriComponent()}"
        : null;

    // Whether a request came to the blog's canonical host (else it is redirected there).
    public bool IsOwnHost(string handle, HostString host) =>
        OwnHost(handle) is { } own && string.Equals(own, host.Value, StringComparison.OrdinalIgnoreCase);

    public string Post(string handle, string slug) => Root(handle) + PostPaths.Of(slug);

    public string Tag(string handle, string tagSlug) => Root(handle) + PostPaths.Tag(tagSlug);

    public string Search(string handle) => Root(handle) + "/search";

    public string BlogFeed(string handle, FeedFormat format) => Root(handle) + "/" + PostPaths.FeedFile(format);

    public string TagFeed(string handle, string tagSlug, FeedFormat format) => Tag(handle, tagSlug) + "/" + PostPaths.FeedFile(format);

    public string CommentsFeed(string handle, string slug, FeedFormat format) => Post(handle, slug) + "/" + PostPaths.FeedFile(format);

    // The install's own address: its domain when it has one, else the host the request came to.
    public string InstallOrigin(HttpRequest request) =>
        _domain is { } domain ? $"{_scheme}://{domain.ToUriComponent()}" : $"{request.Scheme}://{request.Host.ToUriComponent()}";

    public SiteAddress Site(HttpRequest request) => new(InstallOrigin(request), this);

    // Where the install says it is when no request says so (Qalam:PublicOrigin), and where it is then assumed to be.
    public const string PublicOriginKey = "Qalam:PublicOrigin";
    public const string LocalOrigin = "http://localhost:5000";

    // For work outside a request (mail, the command line): the install's domain, else the given origin.
    public SiteAddress Site(string fallbackOrigin) =>
        new(_domain is { } domain ? $"{_scheme}://{domain.ToUriComponent()}" : fallbackOrigin.TrimEnd('/'), this);

    // The same with the configured public origin (Qalam:PublicOrigin, else http://localhost:5000).
    public SiteAddress Site(IConfiguration configuration) =>
        Site(configuration[PublicOriginKey] is { Length: > 0 } origin ? origin.Trim() : LocalOrigin);

    public HostMatch Match(HostString host)
    {
        var name = host.Host.TrimEnd('.').ToLowerInvariant();
        if (_domain is not { } domain)
        {
            return Current().BlogOf.TryGetValue(name, out var custom) ? new HostMatch(HostKind.Blog, custom) : new HostMatch(HostKind.Install);
        }
        if (name == domain.Host)
        {
            return new HostMatch(HostKind.Install);
        }
        if (name == "www." + domain.Host)
        {
            return new HostMatch(HostKind.InstallAlias);
        }
        if (name.EndsWith("." + domain.Host, StringComparison.Ordinal))
        {
            var handle = name[..^(domain.Host.Length + 1)];
            return BlogHandles.Check(handle) == HandleProblem.None ? new HostMatch(HostKind.Blog, handle) : new HostMatch(HostKind.Unknown);
        }
        if (Current().BlogOf.TryGetValue(name, out var owner))
        {
            return new HostMatch(HostKind.Blog, owner);
        }
        // Loopback and bare addresses reach the install as itself (health checks, the operator on the machine).
        return name == "localhost" || System.Net.IPAddress.TryParse(name, out _) ? new HostMatch(HostKind.Install) : new HostMatch(HostKind.Unknown);
    }

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QalamDb>();
        var rows = await db.Set<BlogDomain>().AsNoTracking()
            .Where(d => d.VerifiedAt != null)
            .Join(db.Blogs, d => d.BlogId, b => b.Id, (d, b) => new { d.Host, b.Handle, d.IsPrimary })
            .ToListAsync(cancellationToken);
        _map = new DomainMap(
            rows.ToFrozenDictionary(r => r.Host, r => r.Handle, StringComparer.Ordinal),
            rows.Where(r => r.IsPrimary).GroupBy(r => r.Handle).ToFrozenDictionary(g => g.Key, g => g.Min(r => r.Host)!, StringComparer.Ordinal),
            time.GetUtcNow());
    }

    private DomainMap Current()
    {
        var map = _map;
        if (time.GetUtcNow() - map.LoadedAt > Lifetime && _loading.Wait(0))
        {
            // One request starts the reload; everyone keeps using the map they have until it is done.
            _ = Task.Run(async () =>
            {
                try
                {
                    await ReloadAsync(CancellationToken.None);
                }
                catch (Exception ex) when (ex is DbException or InvalidOperationException)
                {
                    _map = map with { LoadedAt = time.GetUtcNow() };
                }
                finally
                {
                    _loading.Release();
                }
            });
        }
        return map;
    }

    public void Dispose() => _loading.Dispose();

    private sealed record DomainMap(FrozenDictionary<string, string> BlogOf, FrozenDictionary<string, string> PrimaryOf, DateTimeOffset LoadedAt)
    {
        public static readonly DomainMap Empty = new(FrozenDictionary<string, string>.Empty, FrozenDictionary<string, string>.Empty, DateTimeOffset.MinValue);
    }
}
