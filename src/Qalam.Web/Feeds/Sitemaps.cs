using System.Globalization;
using System.Text;
using System.Xml;
using Microsoft.EntityFrameworkCore;
using Qalam.BlogPages;
using Qalam.Blogs;
using Qalam.Posts;
using Qalam.Storage;

namespace Qalam.Feeds;

// sitemaps.org 0.9: the install's /sitemap.xml is an index of every blog's sitemap pages and a blog's own
// {root}/sitemap.xml of its pages alone (the one its robots.txt names on its own host); a page lists at most 50,000 addresses
// (the protocol's limit): the blog's home on the first, then its public posts, oldest first, so pages stay stable.
public sealed class Sitemaps(QalamDb db, TimeProvider time)
{
    public const int PageSize = 50_000;
    private const string Namespace = "http://www.sitemaps.org/schemas/sitemap/0.9";

    public async Task<byte[]> IndexAsync(SiteAddress site, int? onlyBlogId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var blogs = await db.Blogs.AsNoTracking().Where(Blog.Public).Where(b => onlyBlogId == null || b.Id == onlyBlogId).OrderBy(b => b.Id)
            .Select(b => new
            {
                b.Handle,
                b.CreatedAt,
                Posts = db.Set<Post>().Where(p => p.BlogId == b.Id).Where(Post.VisibleAt(now)).Count()
                    + db.Set<BlogPage>().Count(p => p.BlogId == b.Id && p.Published),
                Updated = db.Set<Post>().Where(p => p.BlogId == b.Id).Where(Post.VisibleAt(now)).Max(p => (DateTime?)p.UpdatedAt),
            })
            .ToListAsync(cancellationToken);
        return Write("sitemapindex", xml =>
        {
            var written = 0;
            foreach (var blog in blogs)
            {
                var pages = (blog.Posts + 1 + PageSize - 1) / PageSize;
                for (var page = 1; page <= pages && written < PageSize; page++, written++)
                {
                    xml.WriteStartElement("sitemap", Namespace);
                    xml.WriteElementString("loc", Namespace, $"{site.Blog(blog.Handle)}/sitemap-{page.ToString(CultureInfo.InvariantCulture)}.xml");
                    xml.WriteElementString("lastmod", Namespace, PostMetadata.Instant(blog.Updated ?? blog.CreatedAt));
                    xml.WriteEndElement();
                }
            }
        });
    }

    public async Task<byte[]?> BlogAsync(BlogView blog, int page, SiteAddress site, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        // The home and the blog's published pages (BlogPages, at most BlogPage.MaxPerBlog) take the first places of page 1.
        var pages = await db.BlogPages.AsNoTracking().Where(p => p.BlogId == blog.Id && p.Published).OrderBy(p => p.Id)
            .Select(p => new { p.Slug, p.UpdatedAt }).ToListAsync(cancellationToken);
        var first = 1 + pages.Count;
        var skip = page == 1 ? 0 : PageOfRows.Skip(page, PageSize) - first;
        var take = page == 1 ? PageSize - first : PageSize;
        var posts = await db.Posts.AsNoTracking().Where(p => p.BlogId == blog.Id).Where(Post.VisibleAt(now))
            .OrderBy(p => p.Id).Skip(skip).Take(take)
            .Select(p => new { p.Slug, p.UpdatedAt, p.PublishedAt })
            .ToListAsync(cancellationToken);
        if (page > 1 && posts.Count == 0)
        {
            return null;
        }
        return Write("urlset", xml =>
        {
            if (page == 1)
            {
                xml.WriteStartElement("url", Namespace);
                xml.WriteElementString("loc", Namespace, site.Blog(blog.Handle));
                if (posts.Count > 0)
                {
                    xml.WriteElementString("lastmod", Namespace, PostMetadata.Instant(posts.Max(p => p.PublishedAt!.Value)));
                }
                xml.WriteEndElement();
                foreach (var blogPage in pages)
                {
                    xml.WriteStartElement("url", Namespace);
                    xml.WriteElementString("loc", Namespace, site.Page(blog.Handle, blogPage.Slug));
                    xml.WriteElementString("lastmod", Namespace, PostMetadata.Instant(blogPage.UpdatedAt));
                    xml.WriteEndElement();
                }
            }
            foreach (var post in posts)
            {
                xml.WriteStartElement("url", Namespace);
                xml.WriteElementString("loc", Namespace, site.Post(blog.Handle, post.Slug));
                xml.WriteElementString("lastmod", Namespace, PostMetadata.Instant(post.UpdatedAt > post.PublishedAt ? post.UpdatedAt : post.PublishedAt!.Value));
                xml.WriteEndElement();
            }
        });
    }

    private static byte[] Write(string root, Action<XmlWriter> body)
    {
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement(root, Namespace);
            body(xml);
            xml.WriteEndElement();
        }
        return stream.ToArray();
    }
}
