namespace Qalam.Blogs;

// Absolute public addresses, for what leaves the page: API resources, feeds, sitemaps, mail. Origin is the install's
// own address; a blog's addresses come from BlogAddresses (its subdomain or custom domain, else Origin/{handle}).
public sealed record SiteAddress(string Origin, BlogAddresses Addresses)
{
    public static SiteAddress From(HttpRequest request) => request.HttpContext.RequestServices.GetRequiredService<BlogAddresses>().Site();

    // One of BlogAddresses' addresses made absolute: those of blogs at a path prefix are relative to the install.
    public string Absolute(string address) => address.StartsWith('/') ? Origin + address : address;

    public string Blog(string handle) => Absolute(Addresses.Root(handle));

    public string Post(string handle, string slug) => Absolute(Addresses.Post(handle, slug));

    public string Page(string handle, string slug) => Absolute(Addresses.Page(handle, slug));

    public string Comment(string handle, string slug, int commentId) => $"{Post(handle, slug)}#comment-{commentId}";
}
