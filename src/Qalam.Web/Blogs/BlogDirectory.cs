using Microsoft.EntityFrameworkCore;
using Qalam.Storage;

namespace Qalam.Blogs;

public sealed record BlogSummary(string Handle, string Title, string Description, string Language, int PostCount);

public sealed class BlogDirectory(QalamDb db)
{
    public Task<BlogView?> FindAsync(string handle, CancellationToken cancellationToken) =>
        db.Blogs.AsNoTracking()
            .Where(b => b.Handle == handle.ToLowerInvariant())
            .Select(BlogView.FromBlog)
            .SingleOrDefaultAsync(cancellationToken);

    public Task<List<BlogSummary>> ListAsync(DateTime now, CancellationToken cancellationToken) =>
        db.Blogs.AsNoTracking()
            .Where(Blog.Public)
            .OrderBy(b => b.Id)
            .Select(b => new BlogSummary(b.Handle, b.Title, b.Description, b.Language,
                db.Posts.Count(p => p.BlogId == b.Id && p.Status == Posts.PostStatus.Published && p.PublishedAt <= now)))
            .ToListAsync(cancellationToken);
}
