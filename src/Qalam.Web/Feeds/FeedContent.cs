namespace Qalam.Feeds;

// One feed, whatever format it is written in. Urls are absolute; dates are UTC.
public sealed record FeedContent(
    string Id,
    string Title,
    string Description,
    string Language,
    string HomeUrl,
    string SelfUrl,
    DateTime Updated,
    IReadOnlyList<FeedEntry> Entries);

public sealed record FeedEntry(
    string Id,
    string Title,
    string Url,
    DateTime Published,
    DateTime Updated,
    string Html,
    string Summary,
    string? Author,
    string Language,
    IReadOnlyList<string> Tags,
    FeedImage? Image = null);

// The entry's featured image: an absolute address, its media type and size in pixels.
public sealed record FeedImage(string Url, string Type, int Width, int Height, string Alt);
