using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qalam.Blogs;
using Qalam.Posts;
using Qalam.Similar;
using Qalam.Storage;

namespace Qalam.Tests.Similar;

// Two full rebuilds of one blog overlap when two nodes (or a node and `qalam reindex`) rebuild it at once. The one
// that read the blog earlier used to write its lists over the later one's when it finished last, and then rank every
// post saved in between one by one: in a burst of saves the lists were empty or short for seconds.
public sealed class SimilarOverlapTests : WithOwnApp
{
    private static readonly string[] Quince = ["quince", "jelly", "pectin", "sugar", "orchard", "preserve", "jars", "fruit", "simmer", "paste"];

    // Written to the database directly, not through the editor: the site's own background ranking of each save would
    // be a third writer of the lists, and this test is about two.
    private async Task<int> WriteAsync(Blog blog, string[] words, int i)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QalamDb>();
        var renderer = scope.ServiceProvider.GetRequiredService<MarkdownRenderer>();
        var post = new Post(blog.Id, $"{words[0]}-{i}", DateTime.UtcNow);
        post.Write($"{words[i % 10]} and {words[(i + 3) % 10]} {i}", string.Join(' ', Enumerable.Range(0, 12).Select(k => words[(i * 7 + k * 3) % 10])), "en",
            renderer, DateTime.UtcNow);
        post.PublishAt(DateTime.UtcNow.AddHours(-1));
        db.Posts.Add(post);
        await db.SaveChangesAsync();
        return post.Id;
    }

    private async Task<List<(int PostId, int SimilarPostId, int Rank, double Score)>> RowsAsync(int blogId)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QalamDb>();
        return [.. (await db.SimilarPosts.AsNoTracking().Where(s => db.Set<Post>().Any(p => p.Id == s.PostId && p.BlogId == blogId))
            .OrderBy(s => s.PostId).ThenBy(s => s.SimilarPostId).ToListAsync())
            .Select(s => (s.PostId, s.SimilarPostId, s.Rank, s.Score))];
    }

    [Fact]
    public async Task A_rebuild_that_read_the_blog_before_another_and_finishes_after_it_leaves_the_other_s_lists_and_catches_its_model_up()
    {
        var blog = await App.Seed.BlogAsync("en");
        var old = new List<int>();
        for (var i = 0; i < 150; i++)
        {
            old.Add(await WriteAsync(blog, i % 2 == 0 ? SimilarUpdateTests.Garden : SimilarUpdateTests.Kitchen, i));
        }
        await App.Seed.RebuildSimilarAsync(blog);

        await using var scope = App.Services.CreateAsyncScope();
        var early = scope.ServiceProvider.GetRequiredService<SimilarPostsBuilder>();
        var ranked = await early.RankBlogAsync(blog.Id, CancellationToken.None);
        var quince = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            quince.Add(await WriteAsync(blog, Quince, i));
        }
        await App.Seed.RebuildSimilarAsync(blog);
        var later = await RowsAsync(blog.Id);
        Assert.Contains(later, r => quince.Contains(r.PostId));

        await early.WriteAsync(ranked, CancellationToken.None);

        Assert.Equal(later, await RowsAsync(blog.Id));
        // The early rebuild's model, kept on this node for the next saves, was told of the posts it had not read: a
        // garden post rewritten about quince is ranked among the quince posts.
        await using (var edit = App.Services.CreateAsyncScope())
        {
            var db = edit.ServiceProvider.GetRequiredService<QalamDb>();
            var post = await db.Posts.SingleAsync(p => p.Id == old[0]);
            post.Write("Quince from the orchard", "quince jelly pectin sugar preserve jars simmer", "en",
                edit.ServiceProvider.GetRequiredService<MarkdownRenderer>(), DateTime.UtcNow);
            await db.SaveChangesAsync();
        }
        await early.UpdatePostAsync(blog.Id, old[0], CancellationToken.None);
        var list = (await RowsAsync(blog.Id)).Where(r => r.PostId == old[0]).OrderBy(r => r.Rank).Select(r => r.SimilarPostId).ToList();
        Assert.Equal(quince.Order(), list.Take(3).Order());
    }
}
