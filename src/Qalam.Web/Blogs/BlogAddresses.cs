using System.Collections.Frozen;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
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

    // www.{domain}, which people type, or any host but its own on an install with Qalam:PublicOrigin: redirected to
    // the install's own host.
    InstallAlias,
}

public readonly record struct HostMatch(HostKind Kind, string? Handle = null);

// The one home of every blog's canonical address. Links on pages, in feeds, sitemaps, mail and the API are built here,
// so they all name the address readers are redirected to. Verified custom domains are kept per node and reloaded every
// few seconds (and at once on the node that changed them), so the lookup on each request costs no query.
public sealed class BlogAddresses(IOptions<HostingOptions> options, IConfiguration configuration, IServiceProvider services,
    IServiceScopeFactory scopes, TimeProvider time) : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    private readonly HostString? _domain = options.Value.DomainHost;
    private readonly string _scheme = options.Value.Scheme;
    private readonly string? _configuredOrigin = ConfiguredOrigin(options.Value, configuration);
    private string? _listeningOrigin;

    // The host of Qalam:PublicOrigin, the one host an install without a domain serves (with loopback and bare
    // addresses); empty when any host is served.
    private readonly string _publicHost = options.Value.DomainHost is null && ConfiguredOrigin(options.Value, configuration) is { } origin
        ? new Uri(origin).Host : "";
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

    // A page of the blog (BlogPages): never dated, so its address has no date or "posts" in it.
    public string Page(string handle, string slug) => Root(handle) + "/pages/" + Uri.EscapeDataString(slug);

    public string Archive(string handle) => Root(handle) + "/archive";

    // A person's posts in a blog, by their account's id (stable when they change their public name).
    public string Author(string handle, string userId) => Root(handle) + "/authors/" + Uri.EscapeDataString(userId);

    public string AuthorFeed(string handle, string userId, FeedFormat format) => Author(handle, userId) + "/" + PostPaths.FeedFile(format);

    // A month of the blog's calendar (Jalali for a Persian-calendar blog).
    public string ArchiveMonth(string handle, int year, int month) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Root(handle)}/archive/{year}/{month:00}");

    public string BlogFeed(string handle, FeedFormat format) => Root(handle) + "/" + PostPaths.FeedFile(format);

    public string TagFeed(string handle, string tagSlug, FeedFormat format) => Tag(handle, tagSlug) + "/" + PostPaths.FeedFile(format);

    public string CommentsFeed(string handle, string slug, FeedFormat format) => Post(handle, slug) + "/" + PostPaths.FeedFile(format);

    // Where the install says it is (Qalam:PublicOrigin) when it has no domain, and where it is then assumed to be.
    public const string PublicOriginKey = "Qalam:PublicOrigin";
    public const string LocalOrigin = "http://localhost:5000";

    // Whether absolute links come from the install's settings (Hosting:Domain, else Qalam:PublicOrigin). Mail, which
    // is read far from any page, is sent only then.
    public bool HasConfiguredOrigin => _configuredOrigin is not null;

    public bool ConfiguredForHttps => _configuredOrigin?.StartsWith("https://", StringComparison.Ordinal) == true;

    // The install's own address, never the Host header a request happens to carry (a forged one would otherwise
    // reach canonical links, feeds, API urls and the links in mail): its domain, else Qalam:PublicOrigin, else the
    // first address this node listens on (--urls; one machine without settings).
    public string InstallOrigin() => _configuredOrigin ?? (_listeningOrigin ??= ListeningOrigin()) ?? "http://localhost";

    public SiteAddress Site() => new(InstallOrigin(), this);

    // For work outside a request (the command line): the configured origin, else the given one.
    public SiteAddress Site(string fallbackOrigin) => new(_configuredOrigin ?? fallbackOrigin.TrimEnd('/'), this);

    private static string? ConfiguredOrigin(HostingOptions hosting, IConfiguration configuration)
    {
        if (hosting.DomainHost is { } domain)
        {
            return $"{hosting.Scheme}://{domain.ToUriComponent()}";
        }
        if (configuration[PublicOriginKey] is not { Length: > 0 } origin)
        {
            return null;
        }
        if (!Uri.TryCreate(origin.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
            || uri.PathAndQuery != "/" || !string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new InvalidOperationException($"{PublicOriginKey} must be an origin such as https://blogs.example.com, not '{origin}'.");
        }
        return uri.GetLeftPart(UriPartial.Authority);
    }

    // Null until the server has started and knows its addresses (or under a test server, which has none).
    private string? ListeningOrigin()
    {
        var address = services.GetService<Microsoft.AspNetCore.Hosting.Server.IServer>()?.Features
            .Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is null || !Uri.TryCreate(address.Replace("://+", "://localhost", StringComparison.Ordinal)
                .Replace("://*", "://localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri))
        {
            return null;
        }
        var host = uri.Host is "0.0.0.0" or "[::]" or "::" ? "localhost" : uri.Host;
        return new UriBuilder(uri.Scheme, host, uri.Port).Uri.GetLeftPart(UriPartial.Authority);
    }

    public HostMatch Match(HostString host)
    {
        var name = host.Host.TrimEnd('.').ToLowerInvariant();
        if (_domain is not { } domain)
        {
            if (Current().BlogOf.TryGetValue(name, out var custom))
            {
                return new HostMatch(HostKind.Blog, custom);
            }
            // Without Qalam:PublicOrigin any host reaches the install; with it, another host is sent there.
            return _publicHost.Length == 0 || name == _publicHost || IsLoopbackOrAddress(name)
                ? new HostMatch(HostKind.Install) : new HostMatch(HostKind.InstallAlias);
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
        return IsLoopbackOrAddress(name) ? new HostMatch(HostKind.Install) : new HostMatch(HostKind.Unknown);
    }

    private static bool IsLoopbackOrAddress(string name) => name == "localhost" || System.Net.IPAddress.TryParse(name, out _);

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
