using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Qalam.Blogs;

// Where the install's blogs live. Without a domain every blog is at a path prefix (/{handle}) of the install's one
// address (Qalam:PublicOrigin, else the address it listens on: one machine, development); with one, each blog is at
// {handle}.{Domain} and the install's own pages (front page, sign-up, admin, API) at the domain itself.
public sealed class HostingOptions : IValidatableObject
{
    public const string Section = "Hosting";

    // The install's host name, with a port when it is not the scheme's default: "qalam.example", "localhost:5000".
    public string? Domain { get; set; }

    [RegularExpression("^https?$")]
    public string Scheme { get; set; } = "https";

    // The public IPv4/IPv6 addresses of the install (of the proxy in front of it): what a custom domain's A and AAAA
    // records must name when it cannot be a CNAME (a bare domain such as example.com).
    public string[] ServerAddresses { get; set; } = [];

    // DNS servers that check custom domains ("192.0.2.53" or "127.0.0.1:5353"); the machine's own when empty.
    public string[] NameServers { get; set; } = [];

    // How often an added domain that does not point here yet is looked at again, and a working one re-checked.
    [Range(typeof(TimeSpan), "00:00:10", "30.00:00:00")]
    public TimeSpan DomainCheckInterval { get; set; } = TimeSpan.FromHours(1);

    public HostString? DomainHost => string.IsNullOrWhiteSpace(Domain) ? null : new HostString(Domain.Trim().ToLowerInvariant());

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (DomainHost is { } host && (Uri.CheckHostName(host.Host) != UriHostNameType.Dns || host.Host.StartsWith("www.", StringComparison.Ordinal)))
        {
            yield return new ValidationResult($"{Section}:Domain must be a host name such as qalam.example (with :port if needed), not '{Domain}'.", [nameof(Domain)]);
        }
        foreach (var address in ServerAddresses.Where(a => !IPAddress.TryParse(a, out _)))
        {
            yield return new ValidationResult($"{Section}:ServerAddresses holds '{address}', which is not an IP address.", [nameof(ServerAddresses)]);
        }
        foreach (var server in NameServers.Where(s => !IPEndPoint.TryParse(s, out _)))
        {
            yield return new ValidationResult($"{Section}:NameServers holds '{server}', which is not an address (with an optional :port).", [nameof(NameServers)]);
        }
    }
}
