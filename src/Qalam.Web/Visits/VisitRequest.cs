using System.Net;

namespace Qalam.Visits;

// What the counter needs to know about one page view, taken from the request by the page.
public sealed record VisitRequest(string Method, string? UserAgent, IPAddress? ClientAddress, bool IsPrefetch, string? ReferrerHost = null)
{
    public static VisitRequest From(HttpContext context)
    {
        var headers = context.Request.Headers;
        var isPrefetch = headers["Sec-Purpose"].ToString().Contains("prefetch", StringComparison.OrdinalIgnoreCase)
            || headers["Purpose"].ToString().Contains("prefetch", StringComparison.OrdinalIgnoreCase)
            || headers["X-Moz"].ToString().Contains("prefetch", StringComparison.OrdinalIgnoreCase)
            || headers["X-Purpose"].ToString().Contains("preview", StringComparison.OrdinalIgnoreCase);
        return new VisitRequest(context.Request.Method, headers.UserAgent.ToString(), context.Connection.RemoteIpAddress, isPrefetch,
            ReferrerHostOf(headers.Referer.ToString(), context.Request.Host.Host));
    }

    // The referring site, host only ("www.example.com"); nothing for links within this site, or for anything
    // that is not an http(s) address.
    public static string? ReferrerHostOf(string? referrer, string ownHost)
    {
        if (!Uri.TryCreate(referrer, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return null;
        }
        var host = uri.IdnHost.ToLowerInvariant();
        return host.Length is 0 or > PostReferrerDay.HostMaxLength || string.Equals(host, ownHost, StringComparison.OrdinalIgnoreCase)
            ? null
            : host;
    }
}
