using Microsoft.EntityFrameworkCore;
using Qalam.Storage;

namespace Qalam.Posts;

public sealed record TagLink(string Name, string Slug);

public sealed record PostView(int Id, string Title, string Slug, string Language, string BodyHtml, string Excerpt,
    DateTime PublishedAt, long VisitCount, List<TagLink> Tags, DateTime UpdatedAt, bool CommentsClosed, string? AuthorId, FeaturedImage? Featured,
    string? AuthorName = null, string? AuthorPhotoName = null);

// A person as readers of a blog see them: on bylines and their author page. PhotoName: QalamUser.PhotoName.
public sealed record AuthorView(string Id, string Name, string? Bio, string? PhotoName = null);

public sealed record PostSummary(int Id, string Title, string Slug, string Language, string Excerpt, DateTime PublishedAt,
    List<TagLink> Tags, FeaturedImage? Featured, bool Pinned = false);

public sealed record PostPage(List<PostSummary> Posts, int Page, int PageCount);

public sealed class PostReader(QalamDb db)
{
    public const int PageSize = 10;

    public Task<PostView?> FindVisibleAsync(int blogId, string slug, DateTime now, CancellationToken cancellationToken) =>
        db.Posts.AsNoTracking()
            .Where(p => p.BlogId == blogId && p.Slug == slug)
            .Where(Post.VisibleAt(now))
            .Select(p => new PostView(p.Id, p.Title, p.Slug, p.Language, p.BodyHtml, p.Excerpt, p.PublishedAt!.Value, p.VisitCount,
                p.Tags.OrderBy(t => t.Name).Select(t => new TagLink(t.Name, t.Slug)).ToList(), p.UpdatedAt, p.CommentsClosed, p.AuthorId,
                FeaturedImage.From(p.FeaturedImageId, p.FeaturedImagePath, p.FeaturedImageWidth, p.FeaturedImageHeight, p.FeaturedImageAlt, p.FeaturedImageSrcset),
                db.Users.Where(u => u.Id == p.AuthorId).Select(u => u.DisplayName).FirstOrDefault(),
                db.Users.Where(u => u.Id == p.AuthorId).Select(u => u.PhotoName).FirstOrDefault()))
            .SingleOrDefaultAsync(cancellationToken);

    public Task<long> VisitCountAsync(int postId, CancellationToken cancellationToken) =>
        db.Posts.AsNoTracking().Where(p => p.Id == postId).Select(p => p.VisitCount).SingleAsync(cancellationToken);

    // The current slug of a visible post that once answered to `oldSlug`.
    public Task<string?> FindRenamedAsync(int blogId, string oldSlug, DateTime now, CancellationToken cancellationToken) =>
        db.PostSlugRedirects.AsNoTracking()
            .Where(r => r.BlogId == blogId && r.Slug == oldSlug)
            .Join(db.Posts.Where(Post.VisibleAt(now)), r => r.PostId, p => p.Id, (r, p) => p.Slug)
            .FirstOrDefaultAsync(cancellationToken);

    // When each public post was published, newest first: what the archive groups into months of the blog's calendar
    // (a Jalali month is no SQL function, so the grouping happens here; 100,000 posts are 800 KB of instants).
    public Task<List<DateTime>> PublishedTimesAsync(int blogId, DateTime now, CancellationToken cancellationToken) =>
        db.Posts.AsNoTracking().Where(p => p.BlogId == blogId).Where(Post.VisibleAt(now))
            .OrderByDescending(p => p.PublishedAt).Select(p => p.PublishedAt!.Value).ToListAsync(cancellationToken);

    // A person who wrote at least one public post of the blog; null for anyone else (members who have published
    // nothing here are not revealed).
    public Task<AuthorView?> FindAuthorAsync(int blogId, string userId, DateTime now, CancellationToken cancellationToken)
    {
        var published = db.Posts.Where(p => p.BlogId == blogId && p.AuthorId == userId).Where(Post.VisibleAt(now));
        return db.Users.AsNoTracking().Where(u => u.Id == userId && published.Any())
            .Select(u => new AuthorView(u.Id, u.DisplayName, u.Bio, u.PhotoName))
            .SingleOrDefaultAsync(cancellationToken);
    }

    public Task<TagLink?> FindTagAsync(int blogId, string slug, CancellationToken cancellationToken) =>
        db.Tags.AsNoTracking()
            .Where(t => t.BlogId == blogId && t.Slug == slug)
            .Select(t => new TagLink(t.Name, t.Slug))
            .SingleOrDefaultAsync(cancellationToken);

    // Newest first. A page number past the end yields an empty page, which the caller answers with 404. `between`
    // keeps the posts published in [Start, End) (an archive month). The blog's home (no tag, no month) shows pinned posts
    // first.
    public async Task<PostPage> PageAsync(int blogId, string? tagSlug, int page, DateTime now, CancellationToken cancellationToken,
        (DateTime Start, DateTime End)? between = null, string? authorId = null)
    {
        var query = db.Posts.AsNoTracking().Where(p => p.BlogId == blogId).Where(Post.VisibleAt(now));
        if (authorId is not null)
        {
            query = query.Where(p => p.AuthorId == authorId);
        }
        if (tagSlug is not null)
        {
            query = query.Where(p => p.Tags.Any(t => t.Slug == tagSlug));
        }
        if (between is var (start, end))
        {
            query = query.Where(p => p.PublishedAt >= start && p.PublishedAt < end);
        }
        var total = await query.CountAsync(cancellationToken);
        var home = tagSlug is null && between is null && authorId is null;
        var posts = await (home ? query.OrderByDescending(p => p.Pinned).ThenByDescending(p => p.PublishedAt) : query.OrderByDescending(p => p.PublishedAt))
            .ThenByDescending(p => p.Id)
            .Skip(PageOfRows.Skip(page, PageSize)).Take(PageSize)
            .Select(p => new PostSummary(p.Id, p.Title, p.Slug, p.Language, p.Excerpt, p.PublishedAt!.Value,
                p.Tags.OrderBy(t => t.Name).Select(t => new TagLink(t.Name, t.Slug)).ToList(),
                FeaturedImage.From(p.FeaturedImageId, p.FeaturedImagePath, p.FeaturedImageWidth, p.FeaturedImageHeight, p.FeaturedImageAlt, p.FeaturedImageSrcset),
                home && p.Pinned))
            .ToListAsync(cancellationToken);
        return new PostPage(posts, page, PageOfRows.Count(total, PageSize));
    }
}
