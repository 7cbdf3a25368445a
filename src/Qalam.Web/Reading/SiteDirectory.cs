using Microsoft.EntityFrameworkCore;
using Qalam.Blogs;
using Qalam.Localization;
using Qalam.Posts;
using Qalam.Storage;

namespace Qalam.Reading;

public sealed record BlogSummary(string Handle, string Title, string Description, string Language, int PostCount);

public sealed record RecentPost(string BlogHandle, string BlogTitle, string Slug, string Title, string Language, DateTime PublishedAt);

// The install's front page: its public blogs and their newest posts.
public sealed class SiteDirectory(QalamDb db)
{
    public const int PageSize = 30;

    // Public blogs, those with the newest posts first, narrowed by words of their name or handle and by language.
    public async Task<(List<BlogSummary> Blogs, int Total)> FindAsync(string? words, string? language, int page, DateTime now, CancellationToken cancellationToken)
    {
        var query = db.Blogs.AsNoTracking().Where(Blog.Public);
        if (language is Languages.Persian or Languages.English)
        {
            query = query.Where(b => b.Language == language);
        }
        query = BlogDirectory.Matching(query, words);
        var total = await query.CountAsync(cancellationToken);
        var blogs = await query
            .OrderByDescending(b => db.Set<Post>().Where(p => p.BlogId == b.Id).Where(Posts.Post.VisibleAt(now)).Max(p => p.PublishedAt))
            .ThenBy(b => b.Id)
            .Skip(PageOfRows.Skip(page, PageSize)).Take(PageSize)
            .Select(b => new BlogSummary(b.Handle, b.Title, b.Description, b.Language,
                db.Set<Post>().Where(p => p.BlogId == b.Id).Where(Posts.Post.VisibleAt(now)).Count()))
            .ToListAsync(cancellationToken);
        return (blogs, total);
    }

    // The newest posts readers can see, across the public blogs of the install.
    public Task<List<RecentPost>> RecentPostsAsync(int count, DateTime now, CancellationToken cancellationToken) =>
        db.Posts.AsNoTracking()
            .Where(Posts.Post.VisibleAt(now))
            .Join(db.Blogs.Where(Blog.Public), p => p.BlogId, b => b.Id, (p, b) => new { p, b })
            .OrderByDescending(x => x.p.PublishedAt).ThenByDescending(x => x.p.Id)
            .Take(count)
            .Select(x => new RecentPost(x.b.Handle, x.b.Title, x.p.Slug, x.p.Title, x.p.Language, x.p.PublishedAt!.Value))
            .ToListAsync(cancellationToken);
}
