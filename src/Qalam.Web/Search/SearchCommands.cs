using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Qalam.Blogs;
using Qalam.Cli;
using Qalam.Similar;
using Qalam.Storage;

namespace Qalam.Search;

// `qalam reindex`: this machine's search index and every blog's similar posts.
public static class SearchCommands
{
    public static IEnumerable<Command> All(CliHost host) => [Reindex(host)];

    private static Command Reindex(CliHost host)
    {
        var reindex = new Command("reindex", "Recompute similar posts of every blog and rebuild this machine's search index.");
        reindex.SetAction(async (_, ct) =>
        {
            // The search index is rebuilt here only when no site owns its folder; a running site keeps its own up to date
            // (it reads every post changed since its last look), so reindex leaves it alone.
            var folder = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SearchOptions>>().Value.IndexDirectory;
            var free = SearchIndexOwner.Take(folder, TimeSpan.Zero);
            if (free is null)
            {
                Console.WriteLine($"Search: left alone (a running site owns {folder} and keeps it up to date).");
            }
            else
            {
                SearchIndex.Clear(folder);
                free.Dispose();
                var index = host.Services.GetRequiredService<SearchIndex>();
                await index.CatchUpAsync(ct);
                Console.WriteLine($"Search: rebuilt {folder} from the database, {index.Count} posts.");
            }
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<QalamDb>();
            var builder = scope.ServiceProvider.GetRequiredService<SimilarPostsBuilder>();
            var blogs = await db.Blogs.AsNoTracking().OrderBy(b => b.Id).Select(b => new { b.Id, b.Handle }).ToListAsync(ct);
            foreach (var blog in blogs)
            {
                await builder.RebuildBlogAsync(blog.Id, ct);
                Console.WriteLine($"Reindexed {blog.Handle}.");
            }
        });
        return reindex;
    }
}
