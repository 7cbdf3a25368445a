namespace Qalam.Http;

// Tells form posts a browser sends from another site (cross-site request forgery) by the Fetch Metadata and Origin
// headers that browsers add to such requests themselves, the approach of Go's net/http CrossOriginProtection.
// A request with neither header does not come from a browser a forger could steer, so it passes.
public static class CrossSite
{
    public static bool IsCrossSite(HttpRequest request)
    {
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        if (fetchSite.Length > 0)
        {
            // "same-site" is refused too: another blog of this install may live on a sibling subdomain.
            return fetchSite is not ("same-origin" or "none");
        }
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return false;
        }
        // "null" (a sandboxed or privacy-sensitive context) is not an address, so it is refused as well.
        return !Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            || !string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}
