using System.Text.RegularExpressions;

namespace Qalam.Blogs;

public enum HandleProblem
{
    None,
    Required,
    Invalid,
    Reserved,
}

// A handle is the blog's address: /{handle} today, {handle}.{domain} once hosting arrives.
public static partial class BlogHandles
{
    // Words the install uses for its own addresses, or that a visitor would mistake for the service itself.
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "admin", "api", "openapi", "status", "error", "css", "js", "lib", "media", "static", "assets", "www", "mail",
        "help", "support", "about", "signin", "signup", "login", "logout", "register", "account", "accounts", "blog",
        "blogs", "feed", "feeds", "rss", "sitemap", "robots", "search", "tags", "posts", "root", "qalam", "favicon", "setup", "signout", "denied", "reset", "comments", "operator", "hosting",
        // Under a wildcard domain a handle is a host name: these are the ones mail clients, browsers and certificate
        // authorities look up by convention (autodiscovery, proxy configuration, the mailboxes that prove a domain).
        "autodiscover", "autoconfig", "wpad", "isatap", "mta-sts", "postmaster", "abuse", "hostmaster", "webmaster",
        "administrator", "security", "noreply", "no-reply", "smtp", "imap", "pop", "pop3", "mx", "ns", "ns1", "ns2", "dns",
        "ftp", "sftp", "webmail", "email", "localhost", "cdn", "m", "mobile", "dev", "staging", "test", "secure", "ssl", "vpn",
    };

    public static HandleProblem Check(string? handle)
    {
        if (string.IsNullOrWhiteSpace(handle))
        {
            return HandleProblem.Required;
        }
        if (!Shape().IsMatch(handle) || handle.EndsWith('-'))
        {
            return HandleProblem.Invalid;
        }
        // xn--… is the ASCII form of an internationalised name: a handle spelt so would pose as another name.
        return Reserved.Contains(handle) || handle.StartsWith("xn--", StringComparison.Ordinal) ? HandleProblem.Reserved : HandleProblem.None;
    }

    public static string Normalize(string handle) => handle.Trim().ToLowerInvariant();

    // Letters, digits and hyphens, 1 to 40, starting with a letter or digit: what an address may hold as a handle.
    public static bool HasShape(string handle) => Shape().IsMatch(handle);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
