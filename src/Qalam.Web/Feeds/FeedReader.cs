using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Qalam.Blogs;
using Qalam.Comments;
using Qalam.Localization;
using Qalam.Posts;
using Qalam.Storage;

namespace Qalam.Feeds;

// Reads what a feed holds: the newest public posts of a blog or a tag, or the newest approved comments of a post.
public sealed partial class FeedReader(QalamDb db)
{
    public const int PostCount = 20;
    public const int CommentCount = 50;

    private sealed record Row(int Id, string Title, string Slug, string Language, string BodyHtml, string Excerpt,
        DateTime PublishedAt, DateTime UpdatedAt, DateTime CreatedAt, string? Author, List<string> Tags, FeaturedImage? Featured);

    public async Task<FeedContent> BlogAsync(BlogView blog, SiteAddress site, FeedFormat format, DateTime now, CancellationToken cancellationToken)
    {
        var rows = await PostsAsync(db.Posts.Where(p => p.BlogId == blog.Id), now, cancellationToken);
        return Posts(blog, site, rows, blog.Title, blog.Description, site.Blog(blog.Handle), site.Absolute(site.Addresses.BlogFeed(blog.Handle, format)));
    }

    public async Task<FeedContent?> TagAsync(BlogView blog, string tagSlug, SiteAddress site, FeedFormat format, DateTime now, CancellationToken cancellationToken)
    {
        var tag = await db.Tags.AsNoTracking().Where(t => t.BlogId == blog.Id && t.Slug == tagSlug).Select(t => t.Name).SingleOrDefaultAsync(cancellationToken);
        if (tag is null)
        {
            return null;
        }
        var rows = await PostsAsync(db.Posts.Where(p => p.BlogId == blog.Id && p.Tags.Any(t => t.Slug == tagSlug)), now, cancellationToken);
        var text = UiText.For(blog.Language);
        return Posts(blog, site, rows, $"{text["Tag.Heading", tag]} — {blog.Title}", blog.Description,
            site.Absolute(site.Addresses.Tag(blog.Handle, tagSlug)), site.Absolute(site.Addresses.TagFeed(blog.Handle, tagSlug, format)));
    }

    // A person's public posts in the blog; null for someone who has published none there.
    public async Task<FeedContent?> AuthorAsync(BlogView blog, string userId, SiteAddress site, FeedFormat format, DateTime now, CancellationToken cancellationToken)
    {
        var name = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken);
        var rows = name is null ? [] : await PostsAsync(db.Posts.Where(p => p.BlogId == blog.Id && p.AuthorId == userId), now, cancellationToken);
        if (rows.Count == 0)
        {
            return null;
        }
        var text = UiText.For(blog.Language);
        return Posts(blog, site, rows, $"{text["Author.Heading", name!]} — {blog.Title}", blog.Description,
            site.Absolute(site.Addresses.Author(blog.Handle, userId)), site.Absolute(site.Addresses.AuthorFeed(blog.Handle, userId, format)));
    }

    public async Task<FeedContent?> CommentsAsync(BlogView blog, string slug, SiteAddress site, FeedFormat format, DateTime now, CancellationToken cancellationToken)
    {
        var post = await db.Posts.AsNoTracking().Where(p => p.BlogId == blog.Id && p.Slug == slug).Where(Post.VisibleAt(now))
            .Select(p => new { p.Id, p.Title, p.PublishedAt, p.CreatedAt })
            .SingleOrDefaultAsync(cancellationToken);
        if (post is null)
        {
            return null;
        }
        var comments = await db.Comments.AsNoTracking()
            .Where(c => c.PostId == post.Id && c.Status == CommentStatus.Approved)
            .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id).Take(CommentCount)
            .Select(c => new { c.Id, c.AuthorName, c.Body, c.CreatedAt })
            .ToListAsync(cancellationToken);
        var text = UiText.For(blog.Language);
        var postUrl = site.Post(blog.Handle, slug);
        var entries = comments.Select(c => new FeedEntry(
            EntryId(site, c.CreatedAt, $"{blog.Handle}/{post.Id}/comment/{c.Id}"),
            text["Feed.CommentBy", c.AuthorName],
            $"{postUrl}#comment-{c.Id}",
            c.CreatedAt,
            c.CreatedAt,
            Comments.CommentRenderer.Render(c.Body),
            c.Body.Length <= 280 ? c.Body : c.Body[..279] + "…",
            c.AuthorName,
            blog.Language,
            [])).ToList();
        return new FeedContent(
            EntryId(site, post.CreatedAt, $"{blog.Handle}/{post.Id}/comments"),
            $"{text["Feed.CommentsOn", post.Title]} — {blog.Title}",
            "",
            blog.Language,
            postUrl,
            site.Absolute(site.Addresses.CommentsFeed(blog.Handle, slug, format)),
            entries.Count > 0 ? entries.Max(e => e.Updated) : post.PublishedAt!.Value,
            entries);
    }

    private async Task<List<Row>> PostsAsync(IQueryable<Post> posts, DateTime now, CancellationToken cancellationToken) =>
        await posts.AsNoTracking().Where(Post.VisibleAt(now))
            .OrderByDescending(p => p.PublishedAt).ThenByDescending(p => p.Id)
            .Take(PostCount)
            .Select(p => new Row(p.Id, p.Title, p.Slug, p.Language, p.BodyHtml, p.Excerpt, p.PublishedAt!.Value, p.UpdatedAt, p.CreatedAt,
                db.Users.Where(u => u.Id == p.AuthorId).Select(u => u.DisplayName).FirstOrDefault(),
                p.Tags.OrderBy(t => t.Name).Select(t => t.Name).ToList(),
                FeaturedImage.From(p.FeaturedImageId, p.FeaturedImagePath, p.FeaturedImageWidth, p.FeaturedImageHeight, p.FeaturedImageAlt, p.FeaturedImageSrcset)))
            .ToListAsync(cancellationToken);

    private static FeedContent Posts(BlogView blog, SiteAddress site, List<Row> rows, string title, string description, string home, string self)
    {
        var bodyOrigin = new Uri(site.Blog(blog.Handle)).GetLeftPart(UriPartial.Authority);
        var entries = rows.Select(r => new FeedEntry(
            EntryId(site, r.CreatedAt, $"{blog.Handle}/{r.Id}"),
            r.Title,
            site.Post(blog.Handle, r.Slug),
            r.PublishedAt,
            r.UpdatedAt > r.PublishedAt ? r.UpdatedAt : r.PublishedAt,
            Absolute(r.BodyHtml, bodyOrigin),
            r.Excerpt,
            string.IsNullOrEmpty(r.Author) ? null : r.Author,
            r.Language,
            r.Tags,
            Image(r.Featured, bodyOrigin))).ToList();
        return new FeedContent(
            EntryId(site, DateTime.UnixEpoch, blog.Handle),
            title,
            description,
            blog.Language,
            home,
            self,
            entries.Count > 0 ? entries.Max(e => e.Updated) : DateTime.UnixEpoch,
            entries);
    }

    // Atom ids must never change: a tag URI (RFC 4151) from the install's host (not the blog's, which its owner may
    // change), the day the thing was made, and its id, which survive a post's renaming.
    private static string EntryId(SiteAddress site, DateTime created, string specific) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"tag:{new Uri(site.Origin).Host},{created:yyyy-MM-dd}:{specific}");

    // The featured image as social services and feed readers take it: the copy of at most FeaturedImage.CardWidth.
    private static FeedImage? Image(FeaturedImage? featured, string origin)
    {
        if (featured?.AtMost(FeaturedImage.CardWidth) is not var (path, width, height))
        {
            return null;
        }
        var type = Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".webp" => "image/webp",
            ".png" => "image/png",
            ".gif" => "image/gif",
            _ => "image/jpeg",
        };
        return new FeedImage(origin + path, type, width, height, featured.Alt);
    }

    // Feed readers do not know the page's address, so links and images inside a post must be absolute (every
    // candidate of a srcset too). Media are served at the blog's own host too, so the body's origin is the blog's.
    private static string Absolute(string html, string origin) =>
        SourceSet().Replace(RootRelative().Replace(html, $"$1{origin}/"), m => m.Groups[1].Value + string.Join(", ",
            m.Groups[2].Value.Split(',', StringSplitOptions.TrimEntries).Select(c => c.StartsWith('/') && !c.StartsWith("//", StringComparison.Ordinal) ? origin + c : c)) + "\"");

    [GeneratedRegex(@"(\s(?:href|src)="")/(?!/)")]
    private static partial Regex RootRelative();

    [GeneratedRegex(@"(\ssrcset="")([^""]*)""")]
    private static partial Regex SourceSet();
}
