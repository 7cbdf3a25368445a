namespace Qalam.Posts;

public enum FeedFormat
{
    Rss,
    Atom,
    Json,
}

// The one way a post's address is written: pages, links, redirects and the API's absolute urls all use it.
// Feed addresses live here too, so that pages can link to feeds without knowing how feeds are made.
public static class PostPaths
{
    public static string Of(string handle, string slug) => $"/{handle}/posts/{Uri.EscapeDataString(slug)}";

    public static string Tag(string handle, string tagSlug) => $"/{handle}/tags/{Uri.EscapeDataString(tagSlug)}";

    public static string FeedFile(FeedFormat format) => format switch
    {
        FeedFormat.Rss => "feed.xml",
        FeedFormat.Atom => "atom.xml",
        _ => "feed.json",
    };

    public static string MediaType(FeedFormat format) => format switch
    {
        FeedFormat.Rss => "application/rss+xml",
        FeedFormat.Atom => "application/atom+xml",
        _ => "application/feed+json",
    };

    public static FeedFormat? FeedFormatOf(string file) => file switch
    {
        "feed.xml" => FeedFormat.Rss,
        "atom.xml" => FeedFormat.Atom,
        "feed.json" => FeedFormat.Json,
        _ => null,
    };

    public static string BlogFeed(string handle, FeedFormat format) => $"/{handle}/{FeedFile(format)}";

    public static string TagFeed(string handle, string tagSlug, FeedFormat format) => $"{Tag(handle, tagSlug)}/{FeedFile(format)}";

    public static string CommentsFeed(string handle, string slug, FeedFormat format) => $"{Of(handle, slug)}/{FeedFile(format)}";
}
