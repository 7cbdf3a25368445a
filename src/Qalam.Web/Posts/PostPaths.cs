namespace Qalam.Posts;

// The one way a post's address is written: pages, links, redirects and the API's absolute urls all use it.
public static class PostPaths
{
    public static string Of(string handle, string slug) => $"/{handle}/posts/{Uri.EscapeDataString(slug)}";
}
