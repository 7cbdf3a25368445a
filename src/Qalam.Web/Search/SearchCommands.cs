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
            // The search index is rebuilt here when no site has it open; a running site keeps its own up to date.
            var folder = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SearchOptions>>().Value.IndexDirectory;
            try
            {
                SearchIndex.Clear(folder);
                var index = host.Services.GetRequiredService<SearchIndex>();
                await index.CatchUpAsync(ct);
                Console.WriteLine($"Search index rebuilt: {index.Count} posts.");
            }
            catch (Lucene.Net.Store.LockObtainFailedException)
            {
                Console.WriteLine("The search index is open in a running site, which keeps it up to date; stop the site and run reindex again to rebuild it from scratch.");
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
