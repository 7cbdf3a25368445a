using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Qalam.Blogs;

namespace Qalam.Posts;

// The post as schema.org's BlogPosting, for search engines. The encoder escapes <, > and & as \u003C and so on,
// so that nothing in a title can close the <script> element the JSON sits in.
public static class PostMetadata
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    // An instant in UTC as RFC 3339 / W3C date-time: JSON-LD, JSON Feed and sitemaps all write it this way.
    public static string Instant(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string JsonLd(PostView post, BlogView blog, string url) => JsonSerializer.Serialize(new Dictionary<string, object>
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
    }, Options);
}
