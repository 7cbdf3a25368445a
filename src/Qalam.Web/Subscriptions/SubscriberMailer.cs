using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Qalam.Blogs;
using Qalam.Mail;
using Qalam.Posts;
using Qalam.Storage;

namespace Qalam.Subscriptions;

// Sends new posts (and each week's digest) to a blog's confirmed subscribers through the outbox. Every node runs it;
// the database decides who does what (SubscriberMailing): a post is claimed by inserting its mailing, recipients are
// queued in batches, each claimed by moving the mailing's cursor in the transaction that queues their mail. A node
// that dies between batches leaves the rest to the next pass of any node; one that dies inside a batch queued nothing.
public sealed class SubscriberMailer(QalamDb db, Outbox outbox, BlogAddresses addresses, IOptions<SubscriptionOptions> options,
    TimeProvider time, ILogger<SubscriberMailer> logger)
{
    // Only posts published at or after they were written here are sent (not imports, not back-dated ones), and only
    // while they are new: a node down for days does not mail week-old posts when it comes back.
    private static readonly TimeSpan Fresh = TimeSpan.FromDays(2);

    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        if (!outbox.Enabled)
        {
            return;
        }
        await StartPostsAsync(cancellationToken);
        await StartDigestsAsync(cancellationToken);
        await ContinueAsync(cancellationToken);
    }

    private async Task StartPostsAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var since = now - Fresh;
        var due = await db.Posts.AsNoTracking()
            .Where(Post.VisibleAt(now))
            .Where(p => p.MailToSubscribers && p.PublishedAt >= p.CreatedAt && p.PublishedAt > since)
            .Where(p => !db.Set<SubscriberMailing>().Any(m => m.PostId == p.Id))
            .OrderBy(p => p.PublishedAt).Take(100)
            .Select(p => new { p.BlogId, Post = new MailedPost(p.Id, p.Title, p.Slug, p.Language, p.BodyHtml, p.Excerpt, p.PublishedAt!.Value,
                FeaturedImage.From(p.FeaturedImageId, p.FeaturedImagePath, p.FeaturedImageWidth, p.FeaturedImageHeight, p.FeaturedImageAlt, p.FeaturedImageSrcset)) })
            .ToListAsync(cancellationToken);
        foreach (var item in due)
        {
            if (await PublicBlogAsync(item.BlogId, cancellationToken) is not { } blog)
            {
                continue;
            }
            var anyone = await Recipients(item.BlogId, SubscriberMode.EachPost).AnyAsync(cancellationToken);
            var body = anyone ? SubscriberMail.Post(blog, item.Post, addresses.Site(), now) : null;
            await ClaimAsync(new SubscriberMailing($"post:{item.Post.Id}", item.BlogId, item.Post.Id, SubscriberMode.EachPost, null, now), body, cancellationToken);
        }
    }

    // A week's digest goes out after the week ends (Monday 00:00 UTC), with the posts published in it.
    private async Task StartDigestsAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var weekEnd = now.Date.AddDays(-(((int)now.DayOfWeek + 6) % 7));
        var weekStart = weekEnd.AddDays(-7);
        var suffix = ":" + weekEnd.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var blogIds = await Active().Where(s => s.Mode == SubscriberMode.WeeklyDigest).Select(s => s.BlogId).Distinct().ToListAsync(cancellationToken);
        var keys = blogIds.Select(id => $"digest:{id}{suffix}").ToList();
        // One look for the whole pass: most weeks' digests are long since claimed.
        var claimed = (await db.SubscriberMailings.AsNoTracking().Where(m => keys.Contains(m.Key)).Select(m => m.Key).ToListAsync(cancellationToken)).ToHashSet();
        foreach (var blogId in blogIds)
        {
            var key = $"digest:{blogId}{suffix}";
            if (claimed.Contains(key) || await PublicBlogAsync(blogId, cancellationToken) is not { } blog)
            {
                continue;
            }
            var posts = await db.Posts.AsNoTracking()
                .Where(Post.VisibleAt(now))
                .Where(p => p.BlogId == blogId && p.MailToSubscribers && p.PublishedAt >= p.CreatedAt && p.PublishedAt >= weekStart && p.PublishedAt < weekEnd)
                .OrderBy(p => p.PublishedAt).Take(50)
                .Select(p => new MailedPost(p.Id, p.Title, p.Slug, p.Language, "", p.Excerpt, p.PublishedAt!.Value))
                .ToListAsync(cancellationToken);
            var body = posts.Count > 0 ? SubscriberMail.Digest(blog, posts, addresses.Site(), now) : null;
            await ClaimAsync(new SubscriberMailing(key, blogId, null, SubscriberMode.WeeklyDigest, null, now), body, cancellationToken);
        }
    }

    // The insert claims the send for this node; one that finds the key taken inserts nothing (ON CONFLICT, the same SQL
    // on both databases) rather than failing, so the nodes that lose the race log no error: with several nodes every
    // post is raced for.
    private async Task ClaimAsync(SubscriberMailing mailing, SharedMailBody? body, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            if (body is not null)
            {
                db.SharedMailBodies.Add(body);
                await db.SaveChangesAsync(cancellationToken);
            }
            var claimed = await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO subscriber_mailings ("key", blog_id, post_id, mode, shared_body_id, "cursor", recipients, started_at)
                VALUES ({mailing.Key}, {mailing.BlogId}, {mailing.PostId}, {(int)mailing.Mode}, {body?.Id}, {0L}, {0}, {mailing.StartedAt})
                ON CONFLICT ("key") DO NOTHING
                """, cancellationToken);
            if (claimed == 1)
            {
                await transaction.CommitAsync(cancellationToken);
            }
            else
            {
                // Another node claimed it first.
                await transaction.RollbackAsync(cancellationToken);
            }
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private async Task ContinueAsync(CancellationToken cancellationToken)
    {
        var open = await db.SubscriberMailings.AsNoTracking().Where(m => m.FinishedAt == null).OrderBy(m => m.Id).Take(20).ToListAsync(cancellationToken);
        foreach (var mailing in open)
        {
            // Read once per mailing, not once per batch: a send to 100,000 people is 200 batches.
            var body = mailing.SharedBodyId is { } bodyId ? await db.SharedMailBodies.AsNoTracking().SingleAsync(b => b.Id == bodyId, cancellationToken) : null;
            var handle = await db.Blogs.AsNoTracking().Where(b => b.Id == mailing.BlogId).Select(b => b.Handle).SingleAsync(cancellationToken);
            while (!cancellationToken.IsCancellationRequested && await NextBatchAsync(mailing.Id, body, handle, cancellationToken))
            {
            }
        }
    }

    // Queues one batch of a mailing; false when the mailing is finished (here or by another node).
    private async Task<bool> NextBatchAsync(long mailingId, SharedMailBody? body, string handle, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var mailing = await db.SubscriberMailings.AsNoTracking().SingleAsync(m => m.Id == mailingId, cancellationToken);
        if (mailing.FinishedAt is not null)
        {
            return false;
        }
        var batch = body is null ? [] : await Recipients(mailing.BlogId, mailing.Mode)
            .Where(s => s.Id > mailing.Cursor)
            .OrderBy(s => s.Id).Take(options.Value.Batch)
            .Select(s => new { s.Id, s.Email, s.Token })
            .ToListAsync(cancellationToken);
        var cursor = mailing.Cursor;
        var moved = batch.Count == 0
            ? await db.SubscriberMailings.Where(m => m.Id == mailingId && m.Cursor == cursor && m.FinishedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.FinishedAt, now), cancellationToken)
            : await db.SubscriberMailings.Where(m => m.Id == mailingId && m.Cursor == cursor && m.FinishedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Cursor, batch[^1].Id).SetProperty(m => m.Recipients, m => m.Recipients + batch.Count), cancellationToken);
        if (moved == 0)
        {
            // Another node took this batch; look again.
            await transaction.RollbackAsync(cancellationToken);
            return true;
        }
        if (batch.Count > 0)
        {
            outbox.AddToMany(body!, batch.Select(s => (s.Email, SubscriberDirectory.ManageAddress(addresses, handle, s.Token))));
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.AutoDetectChangesEnabled = true;
            db.ChangeTracker.Clear();
        }
        await transaction.CommitAsync(cancellationToken);
        if (batch.Count == 0)
        {
            logger.LogInformation("Mailing {Key} finished.", mailing.Key);
        }
        return batch.Count > 0;
    }

    // A suspended or not yet approved blog mails nobody (its mailings wait for the next pass while it is fresh).
    private Task<BlogView?> PublicBlogAsync(int blogId, CancellationToken cancellationToken) =>
        db.Blogs.AsNoTracking().Where(b => b.Id == blogId).Where(Blog.Public).Select(BlogView.FromBlog).SingleOrDefaultAsync(cancellationToken);

    private IQueryable<Subscriber> Active() => db.Subscribers.Where(s => s.ConfirmedAt != null && s.UnsubscribedAt == null);

    private IQueryable<Subscriber> Recipients(int blogId, SubscriberMode mode) => Active().Where(s => s.BlogId == blogId && s.Mode == mode);

}

public sealed class SubscriberMailerService(IServiceScopeFactory scopes, IOptions<SubscriptionOptions> options, ILogger<SubscriberMailerService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(options.Value.PollInterval, stoppingToken);
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<SubscriberMailer>().RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Mailing subscribers failed; the next pass continues where it stopped.");
            }
        }
    }
}
