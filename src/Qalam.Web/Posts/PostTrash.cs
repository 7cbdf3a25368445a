using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Qalam.Accounts;
using Qalam.Storage;

namespace Qalam.Posts;

public sealed class PostTrashOptions
{
    public const string Section = "Posts";

    // How long a deleted post can be restored; then it is purged with its comments, visits and revisions.
    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00")]
    public TimeSpan TrashRetention { get; set; } = TimeSpan.FromDays(30);

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan TrashPurgeInterval { get; set; } = TimeSpan.FromHours(1);
}

public sealed record TrashedPost(int Id, string Title, string Slug, string Language, DateTime TrashedAt, DateTime PurgeAt, string? AuthorId, string? Author);

// The trash: deleting a post puts it here, where it can be restored until the retention time has passed. Only this
// class (and the few lookups that must see every post) reads past the trash filter. Rights are checked by the caller.
public sealed class PostTrash(QalamDb db, PostChanges changes, IOptions<PostTrashOptions> options, TimeProvider time)
{
    private IQueryable<Post> Trashed => db.Posts.IgnoreQueryFilters().Where(p => p.TrashedAt != null);

    public async Task TrashAsync(Post post, CancellationToken cancellationToken)
    {
        post.Trash(time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        changes.Changed(post.BlogId, post.Id);
    }

    // Authors see what they trashed of their own; editors and owners the whole trash.
    public Task<List<TrashedPost>> ListAsync(BlogAccess access, CancellationToken cancellationToken) =>
        ListAsync(access.Blog.Id, access.CanSeeAllPosts ? null : access.Viewer.UserId, cancellationToken);

    public async Task<List<TrashedPost>> ListAsync(int blogId, string? onlyBy, CancellationToken cancellationToken)
    {
        var retention = options.Value.TrashRetention;
        var query = Trashed.AsNoTracking().Where(p => p.BlogId == blogId);
        if (onlyBy is not null)
        {
            query = query.Where(p => p.AuthorId == onlyBy);
        }
        var rows = await query.OrderByDescending(p => p.TrashedAt).ThenByDescending(p => p.Id).Take(500)
            .Select(p => new { p.Id, p.Title, p.Slug, p.Language, TrashedAt = p.TrashedAt!.Value, p.AuthorId,
                Author = db.Users.Where(u => u.Id == p.AuthorId).Select(u => u.DisplayName).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new TrashedPost(r.Id, r.Title, r.Slug, r.Language, r.TrashedAt, r.TrashedAt + retention, r.AuthorId, r.Author))];
    }

    public Task<Post?> FindAsync(int blogId, int postId, CancellationToken cancellationToken) =>
        Trashed.SingleOrDefaultAsync(p => p.Id == postId && p.BlogId == blogId, cancellationToken);

    // The address of a post that readers could see before it went to the trash answers 410 Gone: it existed and was
    // removed on purpose. A trashed draft stays a plain 404, so strangers learn nothing about unpublished work.
    private IQueryable<Post> WasPublic => Trashed.Where(p => p.Status == PostStatus.Published && p.PublishedAt <= p.TrashedAt);

    public Task<bool> HeldPublicAsync(int blogId, string slug, CancellationToken cancellationToken) =>
        WasPublic.AnyAsync(p => p.BlogId == blogId && (p.Slug == slug
            || db.Set<PostSlugRedirect>().Any(r => r.BlogId == blogId && r.Slug == slug && r.PostId == p.Id)), cancellationToken);

    public Task<bool> HeldPublicAsync(int blogId, int postId, CancellationToken cancellationToken) =>
        WasPublic.AnyAsync(p => p.BlogId == blogId && p.Id == postId, cancellationToken);

    // Its slug was kept while it lay in the trash (PostEditor.IsSlugTakenAsync sees trashed posts), so nothing can
    // stand in its way.
    public async Task RestoreAsync(Post post, CancellationToken cancellationToken)
    {
        post.Restore(time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        changes.Changed(post.BlogId, post.Id);
    }

    // Removes the post with its comments, visits, revisions and old addresses (the database's cascades).
    public async Task PurgeAsync(Post post, CancellationToken cancellationToken)
    {
        await db.Posts.IgnoreQueryFilters().Where(p => p.Id == post.Id).ExecuteDeleteAsync(cancellationToken);
        changes.Changed(post.BlogId, post.Id);
    }

    public async Task<int> EmptyAsync(int blogId, CancellationToken cancellationToken)
    {
        var ids = await Trashed.Where(p => p.BlogId == blogId).Select(p => p.Id).ToListAsync(cancellationToken);
        return await PurgeAsync(blogId, ids, cancellationToken);
    }

    // Purges every post that has been in the trash longer than the retention time; returns how many.
    public async Task<int> PurgeDueAsync(CancellationToken cancellationToken)
    {
        var before = time.GetUtcNow().UtcDateTime - options.Value.TrashRetention;
        var due = await Trashed.Where(p => p.TrashedAt <= before).Select(p => new { p.Id, p.BlogId }).ToListAsync(cancellationToken);
        var purged = 0;
        foreach (var blog in due.GroupBy(p => p.BlogId))
        {
            purged += await PurgeAsync(blog.Key, [.. blog.Select(p => p.Id)], cancellationToken);
        }
        return purged;
    }

    private async Task<int> PurgeAsync(int blogId, List<int> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return 0;
        }
        var purged = await Trashed.Where(p => p.BlogId == blogId && ids.Contains(p.Id)).ExecuteDeleteAsync(cancellationToken);
        changes.Changed(blogId);
        return purged;
    }
}

// Purges expired trash on every node; a post another node purged first is simply not found.
public sealed class TrashPurger(IServiceScopeFactory scopes, IOptions<PostTrashOptions> options, TimeProvider time, ILogger<TrashPurger> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.TrashPurgeInterval, time, stoppingToken);
                await using var scope = scopes.CreateAsyncScope();
                if (await scope.ServiceProvider.GetRequiredService<PostTrash>().PurgeDueAsync(stoppingToken) is > 0 and var purged)
                {
                    logger.LogInformation("Purged {Count} posts whose time in the trash ended.", purged);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Purging the trash failed.");
            }
        }
    }
}
