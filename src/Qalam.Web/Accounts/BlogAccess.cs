using Microsoft.EntityFrameworkCore;
using Qalam.Blogs;
using Qalam.Storage;

namespace Qalam.Accounts;

// What one person may do on one blog. Every admin page and API call asks this, and nothing else, about rights.
public sealed record BlogAccess(BlogView Blog, Viewer Viewer, BlogRole Role)
{
    public bool CanManageBlog => Role == BlogRole.Owner;

    public bool CanSeeAllPosts => Role >= BlogRole.Editor;

    public bool CanModerateAll => Role >= BlogRole.Editor;

    // Editors and owners work on every post of the blog; an author only on their own.
    public bool CanEditPost(string? authorId) => Role >= BlogRole.Editor || (authorId is not null && authorId == Viewer.UserId);

    public bool CanModerateCommentsOn(string? postAuthorId) => CanEditPost(postAuthorId);
}

public sealed class BlogAccessChecker(QalamDb db, BlogDirectory blogs)
{
    // Null when the blog does not exist or the person has no role on it; callers answer both with 404 or 403
    // without telling a stranger which blogs have private parts.
    public async Task<BlogAccess?> ForAsync(Viewer viewer, string handle, CancellationToken cancellationToken)
    {
        var blog = await blogs.FindAsync(handle, cancellationToken);
        return blog is null ? null : await ForAsync(viewer, blog, cancellationToken);
    }

    public async Task<BlogAccess?> ForAsync(Viewer viewer, BlogView blog, CancellationToken cancellationToken)
    {
        if (viewer.IsInstallAdmin)
        {
            return new BlogAccess(blog, viewer, BlogRole.Owner);
        }
        var role = await db.BlogMembers.AsNoTracking()
            .Where(m => m.BlogId == blog.Id && m.UserId == viewer.UserId)
            .Select(m => (BlogRole?)m.Role)
            .SingleOrDefaultAsync(cancellationToken);
        return role is { } found ? new BlogAccess(blog, viewer, found) : null;
    }

    public async Task<List<BlogView>> BlogsOfAsync(Viewer viewer, CancellationToken cancellationToken)
    {
        var query = db.Blogs.AsNoTracking();
        if (!viewer.IsInstallAdmin)
        {
            query = query.Where(b => db.Set<BlogMember>().Any(m => m.BlogId == b.Id && m.UserId == viewer.UserId));
        }
        return await query.OrderBy(b => b.Title).Select(BlogView.FromBlog).ToListAsync(cancellationToken);
    }
}
