using System.Globalization;
using System.Net;
using System.Text;
using System.Xml;
using Microsoft.EntityFrameworkCore;
using Qalam.BlogPages;
using Qalam.Blogs;
using Qalam.Comments;
using Qalam.Posts;
using Qalam.Storage;

namespace Qalam.Import;

public sealed record ExportSummary(int Posts, int Comments, int Tags);

// Writes a blog as a WordPress eXtended RSS 1.2 file, the format WordPress's own importer reads. WordPress gets
// each post's rendered HTML; the Markdown it was written in travels in a _qalam_markdown meta field, so that
// Qalam reading the file back gets exactly the post it wrote. Posts are read in batches, never all at once.
public sealed class WxrWriter(QalamDb db, TimeProvider time)
{
    public const string MarkdownMeta = "_qalam_markdown";
    public const string LanguageMeta = "_qalam_language";

    private const string Wp = "http://wordpress.org/export/1.2/";
    private const string Content = "http://purl.org/rss/1.0/modules/content/";
    private const string Excerpt = "http://wordpress.org/export/1.2/excerpt/";
    private const string Dc = "http://purl.org/dc/elements/1.1/";

    public async Task<ExportSummary> WriteAsync(int blogId, SiteAddress site, Stream output, CancellationToken cancellationToken)
    {
        var blog = await db.Blogs.AsNoTracking().SingleAsync(b => b.Id == blogId, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var blogUrl = site.Blog(blog.Handle);
        var settings = new XmlWriterSettings { Async = true, Indent = true, Encoding = new UTF8Encoding(false) };
        await using var xml = XmlWriter.Create(output, settings);
        await xml.WriteStartDocumentAsync();
        xml.WriteStartElement("rss");
        xml.WriteAttributeString("version", "2.0");
        xml.WriteAttributeString("xmlns", "excerpt", null, Excerpt);
        xml.WriteAttributeString("xmlns", "content", null, Content);
        xml.WriteAttributeString("xmlns", "dc", null, Dc);
        xml.WriteAttributeString("xmlns", "wp", null, Wp);
        xml.WriteStartElement("channel");
        xml.WriteElementString("title", Clean(blog.Title));
        xml.WriteElementString("link", blogUrl);
        xml.WriteElementString("description", Clean(blog.Description));
        xml.WriteElementString("pubDate", now.ToString("r", CultureInfo.InvariantCulture));
        xml.WriteElementString("language", blog.Language);
        xml.WriteElementString("generator", WxrReader.QalamGenerator);
        xml.WriteElementString("wxr_version", Wp, "1.2");
        xml.WriteElementString("base_site_url", Wp, site.Origin);
        xml.WriteElementString("base_blog_url", Wp, blogUrl);

        var authors = await db.Posts.AsNoTracking().Where(p => p.BlogId == blogId && p.AuthorId != null)
            .Join(db.Users, p => p.AuthorId, u => u.Id, (p, u) => new { u.Id, u.Email, u.DisplayName })
            .Distinct().ToListAsync(cancellationToken);
        foreach (var (author, index) in authors.Select((a, i) => (a, i)))
        {
            xml.WriteStartElement("author", Wp);
            xml.WriteElementString("author_id", Wp, (index + 1).ToString(CultureInfo.InvariantCulture));
            xml.WriteElementString("author_login", Wp, author.Email ?? author.Id);
            xml.WriteElementString("author_email", Wp, author.Email ?? "");
            WriteCData(xml, "author_display_name", Wp, author.DisplayName);
            xml.WriteEndElement();
        }
        var logins = authors.ToDictionary(a => a.Id, a => a.Email ?? a.Id);

        var tags = await db.Tags.AsNoTracking().Where(t => t.BlogId == blogId).OrderBy(t => t.Slug).ToListAsync(cancellationToken);
        foreach (var tag in tags)
        {
            xml.WriteStartElement("tag", Wp);
            xml.WriteElementString("term_id", Wp, tag.Id.ToString(CultureInfo.InvariantCulture));
            xml.WriteElementString("tag_slug", Wp, Uri.EscapeDataString(tag.Slug).ToLowerInvariant());
            WriteCData(xml, "tag_name", Wp, tag.Name);
            xml.WriteEndElement();
        }

        var posts = 0;
        var comments = 0;
        await foreach (var batch in PostBatches.ReadAsync(db, blogId, cancellationToken))
        {
            var ids = batch.Select(p => p.Id).ToList();
            var byPost = (await db.Comments.AsNoTracking().Where(c => ids.Contains(c.PostId)).OrderBy(c => c.Id).ToListAsync(cancellationToken))
                .ToLookup(c => c.PostId);
            foreach (var post in batch)
            {
                WritePost(xml, post, site.Post(blog.Handle, post.Slug), blogUrl, logins, now);
                foreach (var comment in byPost[post.Id])
                {
                    WriteComment(xml, comment);
                    comments++;
                }
                xml.WriteEndElement();
                posts++;
            }
            await xml.FlushAsync();
        }
        // Pages, with their place in the tree. WordPress numbers posts and pages in one series: a page's number is
        // the highest post id plus its own, so that no two items share one.
        var offset = await db.Posts.IgnoreQueryFilters().Where(p => p.BlogId == blogId).MaxAsync(p => (int?)p.Id, cancellationToken) ?? 0;
        foreach (var page in await db.BlogPages.AsNoTracking().Where(p => p.BlogId == blogId).OrderBy(p => p.Id).ToListAsync(cancellationToken))
        {
            WritePage(xml, page, offset, site.Page(blog.Handle, page.Slug), blogUrl, logins);
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
        xml.WriteEndElement();
        await xml.WriteEndDocumentAsync();
        return new ExportSummary(posts, comments, tags.Count);
    }

    private static void WritePage(XmlWriter xml, BlogPage page, int offset, string url, string blogUrl, Dictionary<string, string> logins)
    {
        var id = (offset + page.Id).ToString(CultureInfo.InvariantCulture);
        xml.WriteStartElement("item");
        xml.WriteElementString("title", Clean(page.Title));
        xml.WriteElementString("link", url);
        xml.WriteElementString("pubDate", page.CreatedAt.ToString("r", CultureInfo.InvariantCulture));
        WriteCData(xml, "creator", Dc, page.AuthorId is { } author && logins.TryGetValue(author, out var login) ? login : "");
        xml.WriteStartElement("guid");
        xml.WriteAttributeString("isPermaLink", "false");
        xml.WriteString($"{blogUrl}/?page_id={id}");
        xml.WriteEndElement();
        WriteCData(xml, "encoded", Content, page.BodyHtml);
        WriteCData(xml, "encoded", Excerpt, "");
        xml.WriteElementString("post_id", Wp, id);
        xml.WriteElementString("post_date", Wp, Stamp(page.CreatedAt));
        xml.WriteElementString("post_date_gmt", Wp, Stamp(page.CreatedAt));
        xml.WriteElementString("comment_status", Wp, "closed");
        xml.WriteElementString("ping_status", Wp, "closed");
        xml.WriteElementString("post_name", Wp, Uri.EscapeDataString(page.Slug).ToLowerInvariant());
        xml.WriteElementString("status", Wp, page.Published ? "publish" : "draft");
        xml.WriteElementString("post_parent", Wp, page.ParentId is { } parent ? (offset + parent).ToString(CultureInfo.InvariantCulture) : "0");
        xml.WriteElementString("menu_order", Wp, page.Order.ToString(CultureInfo.InvariantCulture));
        xml.WriteElementString("post_type", Wp, "page");
        xml.WriteElementString("post_password", Wp, "");
        xml.WriteElementString("is_sticky", Wp, "0");
        WriteMeta(xml, MarkdownMeta, page.BodyMarkdown);
        WriteMeta(xml, LanguageMeta, page.Language);
    }

    // Leaves the <item> open for its comments.
    private static void WritePost(XmlWriter xml, Post post, string url, string blogUrl, Dictionary<string, string> logins, DateTime now)
    {
        var date = post.PublishedAt ?? post.CreatedAt;
        xml.WriteStartElement("item");
        // Titles, names and tags go out as the plain text they are, as WordPress's classic editor stores them; the
        // <generator> tells Qalam's importer not to read them as HTML.
        xml.WriteElementString("title", Clean(post.Title));
        xml.WriteElementString("link", url);
        xml.WriteElementString("pubDate", date.ToString("r", CultureInfo.InvariantCulture));
        WriteCData(xml, "creator", Dc, post.AuthorId is { } author && logins.TryGetValue(author, out var login) ? login : "");
        xml.WriteStartElement("guid");
        xml.WriteAttributeString("isPermaLink", "false");
        xml.WriteString($"{blogUrl}/?p={post.Id}");
        xml.WriteEndElement();
        WriteCData(xml, "encoded", Content, post.BodyHtml);
        WriteCData(xml, "encoded", Excerpt, post.Excerpt);
        xml.WriteElementString("post_id", Wp, post.Id.ToString(CultureInfo.InvariantCulture));
        xml.WriteElementString("post_date", Wp, Stamp(date));
        xml.WriteElementString("post_date_gmt", Wp, post.Status == PostStatus.Draft ? "0000-00-00 00:00:00" : Stamp(date));
        xml.WriteElementString("comment_status", Wp, "open");
        xml.WriteElementString("ping_status", Wp, "closed");
        xml.WriteElementString("post_name", Wp, Uri.EscapeDataString(post.Slug).ToLowerInvariant());
        xml.WriteElementString("status", Wp, post.EffectiveStatus(now) switch
        {
            EffectivePostStatus.Published => "publish",
            EffectivePostStatus.Scheduled => "future",
            _ => "draft",
        });
        xml.WriteElementString("post_parent", Wp, "0");
        xml.WriteElementString("menu_order", Wp, "0");
        xml.WriteElementString("post_type", Wp, "post");
        xml.WriteElementString("post_password", Wp, "");
        xml.WriteElementString("is_sticky", Wp, post.Pinned ? "1" : "0");
        foreach (var tag in post.Tags.OrderBy(t => t.Slug, StringComparer.Ordinal))
        {
            xml.WriteStartElement("category");
            xml.WriteAttributeString("domain", "post_tag");
            xml.WriteAttributeString("nicename", Uri.EscapeDataString(tag.Slug).ToLowerInvariant());
            xml.WriteCData(Clean(tag.Name));
            xml.WriteEndElement();
        }
        WriteMeta(xml, MarkdownMeta, post.BodyMarkdown);
        WriteMeta(xml, LanguageMeta, post.Language);
    }

    private static void WriteComment(XmlWriter xml, Comment comment)
    {
        xml.WriteStartElement("comment", Wp);
        xml.WriteElementString("comment_id", Wp, comment.Id.ToString(CultureInfo.InvariantCulture));
        WriteCData(xml, "comment_author", Wp, comment.AuthorName);
        WriteCData(xml, "comment_author_email", Wp, comment.AuthorEmail ?? "");
        xml.WriteElementString("comment_author_url", Wp, comment.AuthorWebsite ?? "");
        xml.WriteElementString("comment_author_IP", Wp, "");
        xml.WriteElementString("comment_date", Wp, Stamp(comment.CreatedAt));
        xml.WriteElementString("comment_date_gmt", Wp, Stamp(comment.CreatedAt));
        // Comment bodies are plain text; WordPress expects HTML, in which a blank line still separates paragraphs.
        WriteCData(xml, "comment_content", Wp, WebUtility.HtmlEncode(comment.Body));
        xml.WriteElementString("comment_approved", Wp, comment.Status switch
        {
            CommentStatus.Approved => "1",
            CommentStatus.Spam => "spam",
            CommentStatus.Deleted => "trash",
            _ => "0",
        });
        xml.WriteElementString("comment_type", Wp, "comment");
        xml.WriteElementString("comment_parent", Wp, (comment.ParentId ?? 0).ToString(CultureInfo.InvariantCulture));
        xml.WriteElementString("comment_user_id", Wp, "0");
        xml.WriteEndElement();
    }

    private static void WriteMeta(XmlWriter xml, string key, string value)
    {
        xml.WriteStartElement("postmeta", Wp);
        xml.WriteElementString("meta_key", Wp, key);
        WriteCData(xml, "meta_value", Wp, value);
        xml.WriteEndElement();
    }

    // "]]>" cannot stand inside one CDATA section; XmlWriter splits it across two, as WordPress does.
    private static void WriteCData(XmlWriter xml, string name, string ns, string value)
    {
        xml.WriteStartElement(name, ns);
        xml.WriteCData(Clean(value));
        xml.WriteEndElement();
    }

    // XML 1.0 cannot carry most control characters, and a reader would reject the whole file for one of them.
    private static string Clean(string text) => Text.InputText.Clean(text);

    private static string Stamp(DateTime at) => at.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
