namespace Qalam.Blogs;

public enum FeedFormat
{
    Rss,
    Atom,
    Json,
}

// The one way a post's address is written below its blog's root (which Blogs.BlogAddresses gives). Feed file names
// live here too, so that pages can link to feeds without knowing how feeds are made.
public static class PostPaths
{
    public static string Of(string slug) => $"/posts/{Uri.EscapeDataString(slug)}";

    public static string Tag(string tagSlug) => $"/tags/{Uri.EscapeDataString(tagSlug)}";

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
}
