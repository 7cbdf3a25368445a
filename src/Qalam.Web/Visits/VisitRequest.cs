using System.Net;

namespace Qalam.Visits;

// What the counter needs to know about one page view, taken from the request by the page.
public sealed record VisitRequest(string Method, string? UserAgent, IPAddress? ClientAddress, bool IsPrefetch)
{
    public static VisitRequest From(HttpContext context)
    {
        var headers = context.Request.Headers;
        var isPrefetch = headers["Sec-Purpose"].ToString().Contains("prefetch", StringComparison.OrdinalIgnoreCase)
            || headers["Purpose"].ToString().Contains("prefetch", StringComparison.OrdinalIgnoreCase)
            || headers["X-Moz"].ToString().Contains("prefetch", StringComparison.OrdinalIgnoreCase)
            || headers["X-Purpose"].ToString().Contains("preview", StringComparison.OrdinalIgnoreCase);
        return new VisitRequest(context.Request.Method, headers.UserAgent.ToString(), context.Connection.RemoteIpAddress, isPrefetch);
    }
}
