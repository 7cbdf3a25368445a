using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Qalam.Blogs;
using Qalam.Comments;
using Qalam.Posts;
using Qalam.Similar;
using Qalam.Storage;

namespace Qalam.SampleContent;

// Runs after the migrator (hosted services start in order). Only an empty database gets sample content.
public sealed class SampleContentSeeder(IServiceScopeFactory scopes, IOptions<SampleContentOptions> options,
    TimeProvider time, ILogger<SampleContentSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.SampleContent)
        {
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<QalamDb>();
        if (await db.Blogs.AnyAsync(cancellationToken))
        {
            return;
        }
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var sample in SampleBlogs.All)
        {
            var blog = new Blog(sample.Handle, sample.Title, sample.Language, now) { Description = sample.Description };
            db.Blogs.Add(blog);
            await db.SaveChangesAsync(cancellationToken);
            var writer = services.GetRequiredService<PostEditor>();
            foreach (var samplePost in sample.Posts)
            {
                DateTime? publishAt = samplePost.DaysAgo is { } days ? now.AddDays(-days).AddHours(-3) : null;
                var post = await writer.CreateAsync(blog.Id, samplePost.Draft, publishAt, cancellationToken);
                await AddCommentsAsync(db, blog.Id, post.Id, samplePost.Comments, publishAt ?? now, cancellationToken);
            }
            await services.GetRequiredService<SimilarPostsBuilder>().RebuildBlogAsync(blog.Id, cancellationToken);
            logger.LogInformation("Created sample blog /{Handle} with {Count} posts", sample.Handle, sample.Posts.Count);
        }
    }

    private static async Task AddCommentsAsync(QalamDb db, int blogId, int postId, IReadOnlyList<SampleComment> comments,
        DateTime after, CancellationToken cancellationToken)
    {
        Comment? previous = null;
        var at = after;
        foreach (var sample in comments)
        {
            at = at.AddHours(5);
            var comment = new Comment(blogId, postId, sample.IsReply ? previous?.Id : null, sample.Name, null, sample.Website,
                sample.Body, sample.Approved ? CommentStatus.Approved : CommentStatus.Pending, at);
            db.Comments.Add(comment);
            await db.SaveChangesAsync(cancellationToken);
            previous = comment;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
