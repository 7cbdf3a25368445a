using System.ServiceModel.Syndication;
using System.Text;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using Qalam.Blogs;
using Qalam.Posts;
using Qalam.Text;

namespace Qalam.Feeds;

// RSS 2.0 and Atom 1.0 through .NET's syndication library (RFC 822 and RFC 3339 dates, escaping, the atom:link
// rel="self" that RSS readers and validators look for); JSON Feed 1.1 with System.Text.Json.
public static class FeedWriter
{
    private const string XmlNamespace = "http://www.w3.org/XML/1998/namespace";
    private const string MediaRssNamespace = "http://search.yahoo.com/mrss/";

    public static byte[] Write(FeedContent content, FeedFormat format) => format switch
    {
        FeedFormat.Json => Json(content),
        _ => Xml(content, format),
    };

    private static byte[] Xml(FeedContent content, FeedFormat format)
    {
        content = XmlSafe(content);
        // RSS requires a channel description; a blog without one is described by its title. Language is <language>
        // in RSS and xml:lang on <feed> in Atom.
        var feed = new SyndicationFeed(content.Title, content.Description.Length > 0 ? content.Description : content.Title, new Uri(content.HomeUrl), content.Id, content.Updated)
        {
            Language = content.Language,
        };
        feed.Links.Add(SyndicationLink.CreateSelfLink(new Uri(content.SelfUrl), PostPaths.MediaType(format)));
        feed.Generator = "Qalam";
        if (format == FeedFormat.Rss && content.Entries.Any(e => e.Image is not null))
        {
            feed.AttributeExtensions.Add(new XmlQualifiedName("media", "http://www.w3.org/2000/xmlns/"), MediaRssNamespace);
        }
        var items = new List<SyndicationItem>();
        foreach (var entry in content.Entries)
        {
            var item = new SyndicationItem
            {
                Id = entry.Id,
                Title = new TextSyndicationContent(entry.Title),
                PublishDate = entry.Published,
                LastUpdatedTime = entry.Updated,
            };
            item.Links.Add(SyndicationLink.CreateAlternateLink(new Uri(entry.Url), "text/html"));
            // RSS readers show <description>, so it carries the whole post; Atom has a place for each.
            if (format == FeedFormat.Rss)
            {
                item.Summary = new TextSyndicationContent(entry.Html, TextSyndicationContentKind.Html);
            }
            else
            {
                item.Summary = new TextSyndicationContent(entry.Summary);
                item.Content = SyndicationContent.CreateHtmlContent(entry.Html);
            }
            if (entry.Author is not null)
            {
                // RSS wants an email address in <author>; a name alone goes in dc:creator instead.
                if (format == FeedFormat.Rss)
                {
                    item.ElementExtensions.Add("creator", "http://purl.org/dc/elements/1.1/", entry.Author);
                }
                else
                {
                    item.Authors.Add(new SyndicationPerson { Name = entry.Author });
                }
            }
            foreach (var tag in entry.Tags)
            {
                item.Categories.Add(new SyndicationCategory(tag));
            }
            if (entry.Image is { } image)
            {
                // RSS's enclosure must give the file's length, unknown for a copy not made yet: Media RSS says the rest.
                if (format == FeedFormat.Rss)
                {
                    XNamespace media = MediaRssNamespace;
                    var element = new XElement(media + "content",
                        new XAttribute("url", image.Url), new XAttribute("type", image.Type), new XAttribute("medium", "image"),
                        new XAttribute("width", image.Width), new XAttribute("height", image.Height));
                    if (image.Alt.Length > 0)
                    {
                        element.Add(new XElement(media + "description", new XAttribute("type", "plain"), image.Alt));
                    }
                    item.ElementExtensions.Add(element.CreateReader());
                }
                else
                {
                    item.Links.Add(new SyndicationLink(new Uri(image.Url), "enclosure", null, image.Type, 0));
                }
            }
            if (entry.Language != content.Language)
            {
                item.AttributeExtensions.Add(new XmlQualifiedName("lang", XmlNamespace), entry.Language);
            }
            items.Add(item);
        }
        feed.Items = items;

        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            SyndicationFeedFormatter formatter = format == FeedFormat.Atom ? new Atom10FeedFormatter(feed) : new Rss20FeedFormatter(feed, serializeExtensionsAsAtom: true);
            formatter.WriteTo(writer);
        }
        return stream.ToArray();
    }

    // XML cannot carry some characters that rows stored before the input rule may hold; the XML writer would throw on
    // them and the feed would answer 500 until the text was edited.
    private static FeedContent XmlSafe(FeedContent content) => content with
    {
        Title = InputText.Clean(content.Title),
        Description = InputText.Clean(content.Description),
        Entries = [.. content.Entries.Select(e => e with
        {
            Title = InputText.Clean(e.Title),
            Html = InputText.Clean(e.Html),
            Summary = InputText.Clean(e.Summary),
            Author = InputText.CleanOrNull(e.Author),
            Tags = [.. e.Tags.Select(InputText.Clean)],
            Image = e.Image is null ? null : e.Image with { Alt = InputText.Clean(e.Image.Alt) },
        })],
    };

    private static byte[] Json(FeedContent content)
    {
        using var stream = new MemoryStream();
        // Served as its own document, not inside HTML, so only what JSON itself requires is escaped.
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("version", "https://jsonfeed.org/version/1.1");
            json.WriteString("title", content.Title);
            json.WriteString("home_page_url", content.HomeUrl);
            json.WriteString("feed_url", content.SelfUrl);
            if (content.Description.Length > 0)
            {
                json.WriteString("description", content.Description);
            }
            json.WriteString("language", content.Language);
            json.WriteStartArray("items");
            foreach (var entry in content.Entries)
            {
                json.WriteStartObject();
                json.WriteString("id", entry.Id);
                json.WriteString("url", entry.Url);
                json.WriteString("title", entry.Title);
                json.WriteString("content_html", entry.Html);
                json.WriteString("summary", entry.Summary);
                json.WriteString("date_published", PostMetadata.Instant(entry.Published));
                json.WriteString("date_modified", PostMetadata.Instant(entry.Updated));
                json.WriteString("language", entry.Language);
                if (entry.Image is { } image)
                {
                    json.WriteString("image", image.Url);
                }
                if (entry.Author is not null)
                {
                    json.WriteStartArray("authors");
                    json.WriteStartObject();
                    json.WriteString("name", entry.Author);
                    json.WriteEndObject();
                    json.WriteEndArray();
                }
                if (entry.Tags.Count > 0)
                {
                    json.WriteStartArray("tags");
                    foreach (var tag in entry.Tags)
                    {
                        json.WriteStringValue(tag);
                    }
                    json.WriteEndArray();
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return stream.ToArray();
    }
}
