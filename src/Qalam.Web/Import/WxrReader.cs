using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace Qalam.Import;

internal abstract record WxrEntry;

internal sealed record WxrAuthor(string Login, string? Email, string? DisplayName) : WxrEntry;

// A category or tag declared for the whole site (wp:category, wp:tag, or wp:term of those taxonomies).
internal sealed record WxrTerm(string Taxonomy, string Name, string? Slug) : WxrEntry;

internal sealed record WxrItem(
    string Key,
    string Title,
    string? Link,
    string? PostName,
    string? Type,
    string? Status,
    DateTime? Date,
    string Content,
    bool HasPassword,
    bool Sticky,
    string? Creator,
    string? AttachmentUrl,
    IReadOnlyList<WxrCategory> Categories,
    IReadOnlyList<WxrComment> Comments,
    IReadOnlyDictionary<string, string> Meta) : WxrEntry
{
    // A page's place in WordPress's hierarchy: the key of the item above it ("post:{id}"), and its menu_order.
    public string? ParentKey { get; init; }

    public int MenuOrder { get; init; }
}

internal sealed record WxrCategory(string Domain, string? Nicename, string Name);

internal sealed record WxrComment(
    string Key,
    string? ParentKey,
    string Author,
    string? Email,
    string? Url,
    DateTime? Date,
    string Content,
    string? Approved,
    string Type);

// The channel's own facts, known once its wxr_version has been read. BlogPath is the folder the old blog lived in
// ("" at the root of its site), which old links carry before the post's own path.
// FromQalam: the file is Qalam's own export, whose titles and names are plain text rather than WordPress's HTML.
internal sealed record WxrSite(string Version, string Source, string? Language, string BlogPath, bool FromQalam)
{
    // Titles and names as plain text: WordPress keeps them as HTML ("Media &amp; Text"), Qalam's export as text.
    public string Plain(string value) => FromQalam ? value.Trim() : WordPressContent.PlainTitle(value);
}

// Reads a WordPress eXtended RSS export one element at a time: only the item being read is in memory, so the size
// of the file does not matter. Elements count as WordPress's only in a real WordPress export namespace
// (http(s)://wordpress.org/export/1.x/), whatever prefix the file gives them.
internal sealed partial class WxrReader(Stream stream)
{
    public const string QalamGenerator = "Qalam";

    // The post's featured image (the attachment's id) and an attachment's alt text, as WordPress keeps them.
    public const string ThumbnailMeta = "_thumbnail_id";
    public const string AltMeta = "_wp_attachment_image_alt";

    public static readonly string[] Versions = ["1.0", "1.1", "1.2"];

    private string? _version;
    private string? _baseSiteUrl;
    private string? _link;
    private string? _title;
    private string? _language;
    private string? _generator;

    private WxrSite? _site;

    // Made once, when first asked for (channel facts come before the items), and again only if one of them changes.
    public WxrSite? Site => _version is null ? null : _site ??= new WxrSite(_version, _baseSiteUrl ?? _link ?? _title ?? "", _language,
        Uri.TryCreate(_link, UriKind.Absolute, out var blog) ? blog.AbsolutePath.Trim('/') : "", _generator == QalamGenerator);

    public long Position => stream.CanSeek ? stream.Position : 0;

    public IEnumerable<WxrEntry> Read()
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            CloseInput = false,
        };
        using var reader = XmlReader.Create(stream, settings);
        IEnumerator<WxrEntry>? entries = null;
        try
        {
            entries = ReadChannel(reader).GetEnumerator();
            while (true)
            {
                WxrEntry entry;
                try
                {
                    if (!entries.MoveNext())
                    {
                        break;
                    }
                    entry = entries.Current;
                }
                catch (XmlException e)
                {
                    throw new WxrException($"The file is not well-formed XML: {OneLine(e.Message)}");
                }
                yield return entry;
            }
        }
        finally
        {
            entries?.Dispose();
        }
        if (_version is null)
        {
            throw new WxrException("The file is not a WordPress export: it has no <wp:wxr_version>.");
        }
    }

    private IEnumerable<WxrEntry> ReadChannel(XmlReader reader)
    {
        if (!reader.ReadToFollowing("rss") || !reader.ReadToDescendant("channel"))
        {
            throw new WxrException("The file is not a WordPress export: it has no <rss><channel>.");
        }
        if (reader.IsEmptyElement)
        {
            yield break;
        }
        reader.Read();
        while (reader.NodeType != XmlNodeType.EndElement && !reader.EOF)
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                reader.Read();
                continue;
            }
            var wordPress = IsWordPress(reader.NamespaceURI);
            switch (reader.LocalName)
            {
                case "wxr_version" when wordPress:
                    var version = reader.ReadElementContentAsString().Trim();
                    if (!Versions.Contains(version))
                    {
                        throw new WxrException($"The file's WXR version '{Shorten(version)}' is not one Qalam reads (1.0, 1.1 or 1.2).");
                    }
                    _version = version;
                    _site = null;
                    break;
                case "base_site_url" when wordPress:
                    _baseSiteUrl = reader.ReadElementContentAsString().Trim();
                    _site = null;
                    break;
                case "link" when reader.NamespaceURI.Length == 0:
                    _link = reader.ReadElementContentAsString().Trim();
                    _site = null;
                    break;
                case "generator" when reader.NamespaceURI.Length == 0:
                    _generator = reader.ReadElementContentAsString().Trim();
                    _site = null;
                    break;
                case "language" when reader.NamespaceURI.Length == 0:
                    _language = reader.ReadElementContentAsString().Trim();
                    _site = null;
                    break;
                case "title" when reader.NamespaceURI.Length == 0:
                    _title = reader.ReadElementContentAsString().Trim();
                    _site = null;
                    break;
                case "author" when wordPress:
                    RequireVersion();
                    yield return Author((XElement)XNode.ReadFrom(reader));
                    break;
                case "category" or "tag" or "term" when wordPress:
                    RequireVersion();
                    if (Term((XElement)XNode.ReadFrom(reader)) is { } term)
                    {
                        yield return term;
                    }
                    break;
                case "item" when reader.NamespaceURI.Length == 0:
                    RequireVersion();
                    yield return Item((XElement)XNode.ReadFrom(reader));
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
    }

    private void RequireVersion()
    {
        if (_version is null)
        {
            throw new WxrException("The file is not a WordPress export: it has no <wp:wxr_version> before its content.");
        }
    }

    private static WxrAuthor Author(XElement element) =>
        new(Wp(element, "author_login") ?? "", NullIfEmpty(Wp(element, "author_email")), NullIfEmpty(Wp(element, "author_display_name")));

    private static WxrTerm? Term(XElement element)
    {
        var (taxonomy, name, slug) = element.Name.LocalName switch
        {
            "category" => ("category", Wp(element, "cat_name"), Wp(element, "category_nicename")),
            "tag" => ("post_tag", Wp(element, "tag_name"), Wp(element, "tag_slug")),
            _ => (Wp(element, "term_taxonomy") ?? "", Wp(element, "term_name"), Wp(element, "term_slug")),
        };
        return string.IsNullOrWhiteSpace(name) ? null : new WxrTerm(taxonomy, name.Trim(), NullIfEmpty(slug));
    }

    private static WxrItem Item(XElement element)
    {
        var id = Wp(element, "post_id");
        var guid = Plain(element, "guid");
        var title = Plain(element, "title") ?? "";
        var date = Date(Wp(element, "post_date_gmt")) ?? Date(Wp(element, "post_date")) ?? RssDate(Plain(element, "pubDate"));
        var key = id is { Length: > 0 } ? "post:" + id.Trim()
            : guid is { Length: > 0 } ? "guid:" + guid
            : $"title:{title}|{date:O}";
        var categories = element.Elements("category")
            .Select(c => new WxrCategory((string?)c.Attribute("domain") ?? "category", (string?)c.Attribute("nicename"), c.Value.Trim()))
            .Where(c => c.Name.Length > 0)
            .ToList();
        var comments = WpElements(element, "comment").Select(c =>
        {
            var commentId = Wp(c, "comment_id");
            var parent = Wp(c, "comment_parent")?.Trim();
            return new WxrComment(
                commentId is { Length: > 0 } ? commentId.Trim() : "content:" + Wp(c, "comment_content") + "|" + Wp(c, "comment_date_gmt"),
                parent is null or "" or "0" ? null : parent,
                Wp(c, "comment_author")?.Trim() ?? "",
                NullIfEmpty(Wp(c, "comment_author_email")?.Trim()),
                NullIfEmpty(Wp(c, "comment_author_url")?.Trim()),
                Date(Wp(c, "comment_date_gmt")) ?? Date(Wp(c, "comment_date")),
                Wp(c, "comment_content") ?? "",
                Wp(c, "comment_approved")?.Trim(),
                Wp(c, "comment_type")?.Trim() ?? "");
        }).ToList();
        return new WxrItem(
            key,
            title,
            NullIfEmpty(Plain(element, "link")),
            NullIfEmpty(Wp(element, "post_name")?.Trim()),
            NullIfEmpty(Wp(element, "post_type")?.Trim()),
            NullIfEmpty(Wp(element, "status")?.Trim()),
            date,
            element.Elements(XName.Get("encoded", "http://purl.org/rss/1.0/modules/content/")).FirstOrDefault()?.Value.Trim() ?? "",
            !string.IsNullOrEmpty(Wp(element, "post_password")),
            Wp(element, "is_sticky")?.Trim() == "1",
            NullIfEmpty(element.Elements(XName.Get("creator", "http://purl.org/dc/elements/1.1/")).FirstOrDefault()?.Value.Trim()),
            NullIfEmpty(Wp(element, "attachment_url")?.Trim()),
            categories,
            comments,
            WpElements(element, "postmeta")
                .Select(m => (Key: Wp(m, "meta_key")?.Trim() ?? "", Value: Wp(m, "meta_value") ?? ""))
                .Where(m => m.Key.StartsWith("_qalam_", StringComparison.Ordinal) || m.Key is ThumbnailMeta or AltMeta)
                .DistinctBy(m => m.Key)
                .ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal))
        {
            ParentKey = Wp(element, "post_parent")?.Trim() is { Length: > 0 } parent && parent != "0" ? "post:" + parent : null,
            MenuOrder = int.TryParse(Wp(element, "menu_order")?.Trim(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var order)
                ? Math.Clamp(order, -10000, 10000) : 0,
        };
    }

    private static bool IsWordPress(string namespaceUri) => WordPressNamespace().IsMatch(namespaceUri);

    private static IEnumerable<XElement> WpElements(XElement parent, string localName) =>
        parent.Elements().Where(e => e.Name.LocalName == localName && IsWordPress(e.Name.NamespaceName));

    private static string? Wp(XElement parent, string localName) => WpElements(parent, localName).FirstOrDefault()?.Value;

    private static string? Plain(XElement parent, string localName) => parent.Element(localName)?.Value.Trim();

    private static DateTime? Date(string? text) =>
        DateTime.TryParseExact(text?.Trim(), "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date) ? date : null;

    private static DateTime? RssDate(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date.UtcDateTime : null;

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries));

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;

    [GeneratedRegex(@"^https?://wordpress\.org/export/\d+\.\d+/$")]
    private static partial Regex WordPressNamespace();
}

// A file Qalam cannot import; the message is one line a person can act on.
public sealed class WxrException(string message) : Exception(message);
