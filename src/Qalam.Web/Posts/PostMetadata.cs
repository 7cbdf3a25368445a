using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Qalam.Blogs;

namespace Qalam.Posts;

// The post as schema.org's BlogPosting, for search engines. The encoder escapes <, > and & as \u003C and so on,
// so that nothing in a title can close the <script> element the JSON sits in.
public sealed record CardImage(string Path, int Width, int Height, string Alt);

public static class PostMetadata
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    // An instant in UTC as RFC 3339 / W3C date-time: JSON-LD, JSON Feed and sitemaps all write it this way.
    public static string Instant(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    // The picture of a shared link: the featured image, or else the post's first image from the blog's own media whose
    // size is known (IPostImages wrote it at save time), as its copy of at most FeaturedImage.CardWidth pixels. Null
    // when the post shows none.
    // The post's featured image, else its first picture, else the blog's header image (Themes).
    public static CardImage? Card(PostView post, BlogView blog) => (post.Featured ?? FirstImage(post.BodyHtml)) is { } image
        ? image.AtMost(FeaturedImage.CardWidth) is var (path, width, height) ? new CardImage(path, width, height, image.Alt) : null
        : blog.Look.HeaderImagePath is { } header ? new CardImage(header, blog.Look.HeaderImageWidth, blog.Look.HeaderImageHeight, "") : null;

    public static FeaturedImage? FirstImage(string bodyHtml)
    {
        // The post page calls this on every render, so only the first tag naming the blog's media is parsed, not the body.
        var at = bodyHtml.IndexOf("<img src=\"/media/", StringComparison.Ordinal);
        var end = at < 0 ? -1 : bodyHtml.IndexOf('>', at);
        if (end < 0)
        {
            return null;
        }
        var image = new AngleSharp.Html.Parser.HtmlParser().ParseDocument("<body>" + bodyHtml[at..(end + 1)]).Body!
            .QuerySelector("img[width][height]");
        if (image is null || !int.TryParse(image.GetAttribute("width"), CultureInfo.InvariantCulture, out var width)
            || !int.TryParse(image.GetAttribute("height"), CultureInfo.InvariantCulture, out var height) || width <= 0)
        {
            return null;
        }
        return new FeaturedImage(0, image.GetAttribute("src")!, width, height, image.GetAttribute("alt") ?? "", image.GetAttribute("srcset") ?? "");
    }

    public static string JsonLd(PostView post, BlogView blog, string url, string? image = null) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["@context"] = "https://schema.org",
        ["@type"] = "BlogPosting",
        ["headline"] = post.Title,
        ["description"] = post.Excerpt,
        ["url"] = url,
        ["mainEntityOfPage"] = url,
        ["inLanguage"] = post.Language,
        ["datePublished"] = Instant(post.PublishedAt),
        ["dateModified"] = Instant(post.UpdatedAt > post.PublishedAt ? post.UpdatedAt : post.PublishedAt),
        ["keywords"] = post.Tags.Select(t => t.Name).ToList(),
        ["isPartOf"] = new Dictionary<string, object> { ["@type"] = "Blog", ["name"] = blog.Title, ["inLanguage"] = blog.Language },
    }.Concat(image is null ? [] : [new KeyValuePair<string, object>("image", image)]).ToDictionary(), Options);
}
