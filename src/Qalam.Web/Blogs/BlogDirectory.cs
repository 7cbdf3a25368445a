using Microsoft.EntityFrameworkCore;
using Qalam.Storage;

namespace Qalam.Blogs;

public sealed class BlogDirectory(QalamDb db)
{
    // Whatever an address or a client sends: what cannot be a handle is no blog, and costs no query.
    public async Task<BlogView?> FindAsync(string? handle, CancellationToken cancellationToken)
    {
        var lower = handle?.ToLowerInvariant();
        if (BlogHandles.Check(lower) is HandleProblem.Required or HandleProblem.Invalid)
        {
            return null;
        }
        return await db.Blogs.AsNoTracking()
            .Where(b => b.Handle == lower)
            .Select(BlogView.FromBlog)
            .SingleOrDefaultAsync(cancellationToken);
    }

    // Blogs whose handle or title holds every one of the words (the first five), in any case.
    public static IQueryable<Blog> Matching(IQueryable<Blog> blogs, string? words)
    {
        foreach (var word in (words ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Take(5))
        {
            var lower = word.ToLowerInvariant();
            blogs = blogs.Where(b => b.Handle.Contains(lower) || b.Title.ToLower().Contains(lower));
        }
        return blogs;
    }

    // A blog named on the command line: null when none was named, an error the operator can act on when it is unknown.
    public static async Task<BlogView?> FindForCommandAsync(AsyncServiceScope scope, string? handle, CancellationToken ct)
    {
        if (handle is null)
        {
            return null;
        }
        return await scope.ServiceProvider.GetRequiredService<BlogDirectory>().FindAsync(handle, ct)
            ?? throw new Cli.CliException($"No blog has the handle {handle}.");
    }
}
