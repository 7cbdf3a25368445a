using System.Globalization;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Qalam.Blogs;
using Qalam.Localization;

namespace Qalam.Shared;

public sealed record FeedLink(string MediaType, string Title, string Href);

// What the layout needs from a page: the page's language (the blog's, or the reader's on site-wide pages),
// its title, the blog whose header to show, its canonical address, and the feeds to announce.
public sealed record PageChrome(string Language, string Title, BlogView? Blog = null, string? Description = null)
{
    public string? Canonical { get; init; }

    // Pages search engines should not keep (search results).
    public bool NoIndex { get; init; }

    // Feeds of this page's own subject (a tag, a post's comments), announced after the blog's.
    public IReadOnlyList<FeedLink> MoreFeeds { get; init; } = [];

    public IEnumerable<FeedLink> Feeds(BlogAddresses addresses)
    {
        if (Blog is null)
        {
            yield break;
        }
        yield return new FeedLink(PostPaths.MediaType(FeedFormat.Rss), $"{Blog.Title} — {Text["Feed.Rss"]}", addresses.BlogFeed(Blog.Handle, FeedFormat.Rss));
        yield return new FeedLink(PostPaths.MediaType(FeedFormat.Atom), $"{Blog.Title} — {Text["Feed.Atom"]}", addresses.BlogFeed(Blog.Handle, FeedFormat.Atom));
        yield return new FeedLink(PostPaths.MediaType(FeedFormat.Json), $"{Blog.Title} — {Text["Feed.Json"]}", addresses.BlogFeed(Blog.Handle, FeedFormat.Json));
        foreach (var feed in MoreFeeds)
        {
            yield return feed;
        }
    }

    private const string Key = "Qalam.PageChrome";

    public string Direction => Languages.DirectionOf(Language);

    public UiText Text => UiText.For(Language);

    public static PageChrome Of(ViewDataDictionary viewData) =>
        viewData[Key] as PageChrome ?? new PageChrome(ReaderLanguage(), UiText.For(ReaderLanguage())["Site.Name"]);

    public void ApplyTo(ViewDataDictionary viewData) => viewData[Key] = this;

    // Site-wide pages (the list of blogs, errors outside any blog) follow the reader's Accept-Language.
    public static string ReaderLanguage() =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == Languages.Persian ? Languages.Persian : Languages.English;
}
