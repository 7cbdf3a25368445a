namespace Qalam.Blogs;

// Absolute public addresses for API resources. Until blogs have their own domains (the hosting issue), every
// blog lives under the address the request came to, so AllowedHosts must name the real host names in production.
public sealed record SiteAddress(string Origin)
{
    public static SiteAddress From(HttpRequest request) => new($"{request.Scheme}://{request.Host.ToUriComponent()}");

    public string Blog(string handle) => $"{Origin}/{handle}";

    public string Post(string handle, string slug) => Origin + Posts.PostPaths.Of(handle, slug);

    public string Comment(string handle, string slug, int commentId) => $"{Post(handle, slug)}#comment-{commentId}";
}
