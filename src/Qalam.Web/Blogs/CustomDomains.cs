using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using DnsClient;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Qalam.Storage;

namespace Qalam.Blogs;

public enum DomainRejection
{
    None,
    Invalid,
    InstallDomain,
    Taken,
    TooMany,
    Unavailable,
}

public sealed record DomainRecord(string Type, string Name, string Value);

// The DNS records an owner creates so that a domain reaches the blog: a CNAME to the blog's own host where the name
// can be one (www.example.com), else A/AAAA records to the install's addresses with a TXT record that proves the
// owner controls the name (a bare example.com points at the install's addresses, which say nothing of which blog).
public sealed record DomainInstructions(DomainRecord? Cname, IReadOnlyList<DomainRecord> Addresses, DomainRecord? Proof);

// Adds, checks and removes a blog's custom domains. A domain is served only after a DNS lookup shows it points here;
// it is looked at again in the background (DomainChecker), and one that stops pointing here stops being served.
public sealed class CustomDomains(QalamDb db, BlogAddresses addresses, IOptions<HostingOptions> options, TimeProvider time, ILogger<CustomDomains> logger)
{
    public const int MaxPerBlog = 5;
    private const string ProofPrefix = "qalam-verify=";

    private readonly HostingOptions _options = options.Value;

    // One client for every lookup this unit of work makes (a round of background checks makes up to a hundred).
    private readonly Lazy<LookupClient> _lookup = new(() =>
    {
        var servers = options.Value.NameServers.Select(IPEndPoint.Parse).ToArray();
        var settings = servers.Length == 0 ? new LookupClientOptions() : new LookupClientOptions(servers);
        settings.UseCache = false;
        settings.Timeout = TimeSpan.FromSeconds(3);
        settings.Retries = 1;
        return new LookupClient(settings);
    });

    // Without the install's domain there is nothing to CNAME to, and without its addresses nothing to point A records
    // at: then custom domains cannot be offered.
    public bool Available => _options.DomainHost is not null || _options.ServerAddresses.Length > 0;

    public Task<List<BlogDomain>> OfAsync(int blogId, CancellationToken cancellationToken) =>
        db.Set<BlogDomain>().AsNoTracking().Where(d => d.BlogId == blogId).OrderBy(d => d.AddedAt).ToListAsync(cancellationToken);

    public DomainInstructions InstructionsFor(string handle, BlogDomain domain) => new(
        _options.DomainHost is { } install ? new DomainRecord("CNAME", domain.Host, $"{handle}.{install.Host}") : null,
        [.. _options.ServerAddresses.Select(a => new DomainRecord(IPAddress.Parse(a).AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "AAAA" : "A", domain.Host, a))],
        _options.ServerAddresses.Length > 0 ? new DomainRecord("TXT", "_qalam." + domain.Host, ProofPrefix + domain.Token) : null);

    // "https://WWW.Example.com/" and "www.example.com." both give www.example.com; a Persian name its xn-- form.
    public static string? Normalize(string? input)
    {
        var text = (input ?? "").Trim();
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            text = uri.Host;
        }
        text = text.TrimEnd('.').ToLowerInvariant();
        if (text.Length == 0 || text.Length > BlogDomain.HostMaxLength || !text.Contains('.', StringComparison.Ordinal) || IPAddress.TryParse(text, out _))
        {
            return null;
        }
        try
        {
            text = new IdnMapping { UseStd3AsciiRules = true }.GetAscii(text);
        }
        catch (ArgumentException)
        {
            return null;
        }
        return Uri.CheckHostName(text) == UriHostNameType.Dns && text.Split('.').All(l => l.Length is > 0 and <= 63) ? text : null;
    }

    public async Task<(DomainRejection Rejection, BlogDomain? Domain)> AddAsync(int blogId, string? input, CancellationToken cancellationToken)
    {
        if (!Available)
        {
            return (DomainRejection.Unavailable, null);
        }
        if (Normalize(input) is not { } host)
        {
            return (DomainRejection.Invalid, null);
        }
        if (_options.DomainHost is { } install && (host == install.Host || host.EndsWith("." + install.Host, StringComparison.Ordinal)))
        {
            return (DomainRejection.InstallDomain, null);
        }
        if (await db.Set<BlogDomain>().CountAsync(d => d.BlogId == blogId, cancellationToken) >= MaxPerBlog)
        {
            return (DomainRejection.TooMany, null);
        }
        if (await db.Set<BlogDomain>().AnyAsync(d => d.Host == host, cancellationToken))
        {
            return (DomainRejection.Taken, null);
        }
        var domain = new BlogDomain(blogId, host, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), time.GetUtcNow().UtcDateTime);
        db.Add(domain);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another blog added the same name between the check and the save; the unique index decided.
            return (DomainRejection.Taken, null);
        }
        await CheckAsync(domain, cancellationToken);
        return (DomainRejection.None, domain);
    }

    public async Task<BlogDomain?> CheckAsync(int blogId, int domainId, CancellationToken cancellationToken)
    {
        var domain = await db.Set<BlogDomain>().SingleOrDefaultAsync(d => d.Id == domainId && d.BlogId == blogId, cancellationToken);
        if (domain is not null)
        {
            await CheckAsync(domain, cancellationToken);
        }
        return domain;
    }

    // Looks at every domain not checked within the interval; returns how many it looked at.
    public async Task<int> CheckDueAsync(CancellationToken cancellationToken)
    {
        var before = time.GetUtcNow().UtcDateTime - _options.DomainCheckInterval;
        var due = await db.Set<BlogDomain>().Where(d => d.CheckedAt == null || d.CheckedAt < before).OrderBy(d => d.CheckedAt).Take(100)
            .Join(db.Blogs, d => d.BlogId, b => b.Id, (d, b) => new { Domain = d, b.Handle })
            .ToListAsync(cancellationToken);
        foreach (var item in due)
        {
            item.Domain.Checked(await LookUpAsync(item.Domain, item.Handle, cancellationToken), time.GetUtcNow().UtcDateTime);
        }
        // One save and one reload of the domain map for the whole round, not one per domain.
        await SavedAsync(cancellationToken);
        return due.Count;
    }

    public async Task<bool> MakePrimaryAsync(int blogId, int? domainId, CancellationToken cancellationToken)
    {
        var domains = await db.Set<BlogDomain>().Where(d => d.BlogId == blogId).ToListAsync(cancellationToken);
        if (domainId is not null && domains.All(d => d.Id != domainId || d.VerifiedAt is null))
        {
            return false;
        }
        foreach (var domain in domains)
        {
            domain.MakePrimary(domain.Id == domainId);
        }
        await SavedAsync(cancellationToken);
        return true;
    }

    public async Task<bool> RemoveAsync(int blogId, int domainId, CancellationToken cancellationToken)
    {
        var removed = await db.Set<BlogDomain>().Where(d => d.Id == domainId && d.BlogId == blogId).ExecuteDeleteAsync(cancellationToken) > 0;
        await addresses.ReloadAsync(cancellationToken);
        return removed;
    }

    private async Task CheckAsync(BlogDomain domain, CancellationToken cancellationToken)
    {
        var handle = await db.Blogs.Where(b => b.Id == domain.BlogId).Select(b => b.Handle).SingleAsync(cancellationToken);
        domain.Checked(await LookUpAsync(domain, handle, cancellationToken), time.GetUtcNow().UtcDateTime);
        await SavedAsync(cancellationToken);
    }

    private async Task SavedAsync(CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        await addresses.ReloadAsync(cancellationToken);
    }

    private async Task<DomainProblem> LookUpAsync(BlogDomain domain, string handle, CancellationToken cancellationToken)
    {
        var lookup = _lookup.Value;
        try
        {
            if (_options.DomainHost is { } install)
            {
                var cname = await lookup.QueryAsync(domain.Host, QueryType.CNAME, cancellationToken: cancellationToken);
                if (cname.Answers.CnameRecords().Any(r => Name(r.CanonicalName) == $"{handle}.{install.Host}"))
                {
                    return DomainProblem.None;
                }
            }
            var a = await lookup.QueryAsync(domain.Host, QueryType.A, cancellationToken: cancellationToken);
            var aaaa = await lookup.QueryAsync(domain.Host, QueryType.AAAA, cancellationToken: cancellationToken);
            if (a.HasError && a.Header.ResponseCode != DnsHeaderResponseCode.NotExistentDomain)
            {
                return DomainProblem.LookupFailed;
            }
            var found = a.Answers.ARecords().Select(r => r.Address).Concat(aaaa.Answers.AaaaRecords().Select(r => r.Address)).ToList();
            if (found.Count == 0)
            {
                return a.Answers.CnameRecords().Any() ? DomainProblem.PointsElsewhere : DomainProblem.NoRecords;
            }
            var ours = _options.ServerAddresses.Select(IPAddress.Parse).ToHashSet();
            if (ours.Count == 0 || !found.All(ours.Contains))
            {
                return DomainProblem.PointsElsewhere;
            }
            var txt = await lookup.QueryAsync("_qalam." + domain.Host, QueryType.TXT, cancellationToken: cancellationToken);
            return txt.Answers.TxtRecords().SelectMany(r => r.Text).Any(t => t.Trim() == ProofPrefix + domain.Token)
                ? DomainProblem.None : DomainProblem.MissingProof;
        }
        catch (DnsResponseException ex)
        {
            logger.LogWarning(ex, "Looking up {Host} failed", domain.Host);
            return DomainProblem.LookupFailed;
        }
    }

    private static string Name(DnsString name) => name.Value.TrimEnd('.').ToLower(CultureInfo.InvariantCulture);
}
