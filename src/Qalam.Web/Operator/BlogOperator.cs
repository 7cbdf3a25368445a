using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Qalam.Accounts;
using Qalam.Blogs;
using Qalam.Media;
using Qalam.Posts;
using Qalam.Storage;

namespace Qalam.Operator;

public sealed record BlogListing(int Id, string Handle, string Title, string Language, int Posts, DateTime CreatedAt,
    DateTime? SuspendedAt, string? SuspensionReason, DateTime? DeleteAfter, bool AwaitingConfirmation, bool AwaitingApproval);

public enum OperatorOutcome
{
    Done,
    NotFound,
    ReasonRequired,
    UserNotFound,
}

public sealed class BlogOperatorOptions
{
    public const string Section = "Blogs";

    // How long a deleted blog waits, suspended, before it is removed for good (`blogs delete` may say otherwise).
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan DeletionGrace { get; set; } = TimeSpan.FromDays(30);

    // How often this node looks for blogs whose time to be removed has come.
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromMinutes(10);
}

// The operator's actions on whole blogs: list, suspend with a reason readers see, resume, delete after a grace
// period (or at once). Used by `qalam blogs …`.
public sealed class BlogOperator(QalamDb db, TimeProvider time, IOptions<BlogOperatorOptions> options, MediaLibrary media)
{
    public const int PageSize = 50;

    // One page of blogs whose handle or title contains `words`, for the operator area.
    public async Task<(List<BlogListing> Blogs, int Total)> PageAsync(string? words, int page, CancellationToken cancellationToken)
    {
        var query = BlogDirectory.Matching(db.Blogs.AsNoTracking(), words);
        var total = await query.CountAsync(cancellationToken);
        var blogs = await Listings(query.OrderBy(b => b.Handle).Skip(PageOfRows.Skip(page, PageSize)).Take(PageSize))
            .ToListAsync(cancellationToken);
        return (blogs, total);
    }

    public Task<List<BlogListing>> ListAsync(CancellationToken cancellationToken) =>
        Listings(db.Blogs.AsNoTracking().OrderBy(b => b.Handle)).ToListAsync(cancellationToken);

    private IQueryable<BlogListing> Listings(IQueryable<Blog> blogs) =>
        blogs.Select(b => new BlogListing(b.Id, b.Handle, b.Title, b.Language, db.Set<Post>().Count(p => p.BlogId == b.Id), b.CreatedAt,
            b.SuspendedAt, b.SuspensionReason, b.DeleteAfter, b.AwaitingConfirmation, b.AwaitingApproval));

    public async Task<OperatorOutcome> SuspendAsync(string handle, string? reason, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > Blog.ReasonMaxLength)
        {
            return OperatorOutcome.ReasonRequired;
        }
        if (await FindAsync(handle, cancellationToken) is not { } blog)
        {
            return OperatorOutcome.NotFound;
        }
        blog.Suspend(reason, time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return OperatorOutcome.Done;
    }

    // Zero (or null) returns a limit to the install's default (Quotas:Posts, Quotas:MediaMegabytes).
    public async Task<OperatorOutcome> SetQuotaAsync(string handle, int? posts, int? mediaMegabytes, CancellationToken cancellationToken)
    {
        if (await FindAsync(handle, cancellationToken) is not { } blog)
        {
            return OperatorOutcome.NotFound;
        }
        if (posts is { } p)
        {
            blog.PostQuota = p > 0 ? p : null;
        }
        if (mediaMegabytes is { } m)
        {
            blog.MediaQuotaBytes = m > 0 ? (long)m * 1024 * 1024 : null;
        }
        await db.SaveChangesAsync(cancellationToken);
        return OperatorOutcome.Done;
    }

    // Lets readers see a blog made through sign-up in Approval mode.
    public async Task<OperatorOutcome> ApproveAsync(string handle, CancellationToken cancellationToken)
    {
        if (await FindAsync(handle, cancellationToken) is not { } blog)
        {
            return OperatorOutcome.NotFound;
        }
        blog.Approve();
        await db.SaveChangesAsync(cancellationToken);
        return OperatorOutcome.Done;
    }

    // Hands a blog to another person (an existing account): they become its owner, and its owners until now stay on
    // as editors, so nothing they wrote is orphaned and the new owner decides whether they remain.
    public async Task<OperatorOutcome> TransferAsync(string handle, string? email, CancellationToken cancellationToken)
    {
        if (await FindAsync(handle, cancellationToken) is not { } blog)
        {
            return OperatorOutcome.NotFound;
        }
        var normalized = (email ?? "").Trim().ToUpperInvariant();
        var userId = normalized.Length == 0 ? null
            : await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).SingleOrDefaultAsync(cancellationToken);
        if (userId is null)
        {
            return OperatorOutcome.UserNotFound;
        }
        var members = await db.BlogMembers.Where(m => m.BlogId == blog.Id).ToListAsync(cancellationToken);
        foreach (var owner in members.Where(m => m.Role == Accounts.BlogRole.Owner && m.UserId != userId))
        {
            owner.Role = Accounts.BlogRole.Editor;
        }
        if (members.SingleOrDefault(m => m.UserId == userId) is { } existing)
        {
            existing.Role = Accounts.BlogRole.Owner;
        }
        else
        {
            db.BlogMembers.Add(new Accounts.BlogMember(blog.Id, userId, Accounts.BlogRole.Owner));
        }
        await db.SaveChangesAsync(cancellationToken);
        return OperatorOutcome.Done;
    }

    public async Task<OperatorOutcome> ResumeAsync(string handle, CancellationToken cancellationToken)
    {
        if (await FindAsync(handle, cancellationToken) is not { } blog)
        {
            return OperatorOutcome.NotFound;
        }
        blog.Resume();
        await db.SaveChangesAsync(cancellationToken);
        return OperatorOutcome.Done;
    }

    // Suspends the blog now and removes it after the grace period; a grace of zero removes it at once.
    public async Task<(OperatorOutcome Outcome, DateTime? DeleteAfter)> DeleteAsync(string handle, string reason, TimeSpan? grace,
        CancellationToken cancellationToken)
    {
        if (await FindAsync(handle, cancellationToken) is not { } blog)
        {
            return (OperatorOutcome.NotFound, null);
        }
        var now = time.GetUtcNow().UtcDateTime;
        var after = now + (grace ?? options.Value.DeletionGrace);
        if (after <= now)
        {
            await RemoveAsync(blog.Id, cancellationToken);
            return (OperatorOutcome.Done, now);
        }
        blog.ScheduleDeletion(reason, now, after);
        await db.SaveChangesAsync(cancellationToken);
        return (OperatorOutcome.Done, after);
    }

    // Removes every blog whose time has come; returns their handles.
    public async Task<List<string>> PurgeDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var due = await db.Blogs.AsNoTracking().Where(b => b.DeleteAfter != null && b.DeleteAfter <= now)
            .Select(b => new { b.Id, b.Handle }).ToListAsync(cancellationToken);
        foreach (var blog in due)
        {
            await RemoveAsync(blog.Id, cancellationToken);
        }
        return [.. due.Select(b => b.Handle)];
    }

    // The database removes the blog's posts, comments, tags, members and statistics with it (cascades); its media
    // folder goes too.
    private async Task RemoveAsync(int blogId, CancellationToken cancellationToken)
    {
        await db.Blogs.Where(b => b.Id == blogId).ExecuteDeleteAsync(cancellationToken);
        var folder = Path.Combine(media.Root, blogId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private Task<Blog?> FindAsync(string handle, CancellationToken cancellationToken) =>
        db.Blogs.SingleOrDefaultAsync(b => b.Handle == handle.Trim().ToLowerInvariant(), cancellationToken);
}
