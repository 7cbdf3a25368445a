using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Qalam.Accounts;
using Qalam.Blogs;
using Qalam.Storage;

namespace Qalam.Operator;

public sealed record UserBlog(string Handle, BlogRole Role);

public sealed record UserListing(string Id, string Email, string DisplayName, InstallRole Role, DateTime CreatedAt, bool EmailConfirmed,
    bool Locked, IReadOnlyList<UserBlog> Blogs);

public enum UserLockOutcome
{
    Done,
    NotFound,
    NotAllowed,
}

// The install's accounts for its operators: find people, see their blogs, and stop or restore their sign-in. A lock
// lasts until lifted; it also refuses the person's access tokens and ends their sessions within a minute (the
// security stamp changes).
public sealed class UserDirectory(QalamDb db, UserManager<QalamUser> users, PasswordRecovery recovery, TimeProvider time)
{
    public const int PageSize = 50;

    public async Task<(List<UserListing> Users, int Total)> PageAsync(string? words, int page, CancellationToken cancellationToken)
    {
        var query = db.Users.AsNoTracking();
        foreach (var word in (words ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Take(5))
        {
            var upper = word.ToUpperInvariant();
            var lower = word.ToLowerInvariant();
            query = query.Where(u => u.NormalizedEmail!.Contains(upper) || u.DisplayName.ToLower().Contains(lower));
        }
        var total = await query.CountAsync(cancellationToken);
        var now = time.GetUtcNow();
        var rows = await query.OrderBy(u => u.NormalizedEmail).Skip(PageOfRows.Skip(page, PageSize)).Take(PageSize)
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.InstallRole, u.CreatedAt, u.EmailConfirmed, u.LockoutEnd })
            .ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Id).ToList();
        var memberships = (await db.BlogMembers.AsNoTracking().Where(m => ids.Contains(m.UserId))
            .Join(db.Blogs, m => m.BlogId, b => b.Id, (m, b) => new { m.UserId, b.Handle, m.Role })
            .ToListAsync(cancellationToken)).ToLookup(m => m.UserId);
        return ([.. rows.Select(r => new UserListing(r.Id, r.Email ?? "", r.DisplayName, r.InstallRole, r.CreatedAt, r.EmailConfirmed,
            QalamUser.IsLockedByOperator(r.LockoutEnd, now), [.. memberships[r.Id].OrderBy(m => m.Handle).Select(m => new UserBlog(m.Handle, m.Role))]))], total);
    }

    // Nobody locks themselves out, and only the install's owners may lock its owners and admins.
    public async Task<UserLockOutcome> SetLockedAsync(Viewer viewer, string userId, bool locked, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(userId) is not { } user)
        {
            return UserLockOutcome.NotFound;
        }
        if (!MayActOn(viewer, user))
        {
            return UserLockOutcome.NotAllowed;
        }
        cancellationToken.ThrowIfCancellationRequested();
        // One write: the lock, a clean failure count and the new security stamp land together (UserManager's own
        // setters would save the account once each).
        user.LockoutEnabled = true;
        user.LockoutEnd = locked ? DateTimeOffset.MaxValue : null;
        user.AccessFailedCount = 0;
        var saved = await users.UpdateSecurityStampAsync(user);
        return saved.Succeeded ? UserLockOutcome.Done : throw new InvalidOperationException(string.Join(" ", saved.Errors.Select(e => e.Description)));
    }

    // A password-reset link (PasswordRecovery.LinkAsync) for someone who cannot get in: the same rule as a lock, since
    // whoever holds the link holds the account. Null when the person may not be acted on.
    public async Task<(UserLockOutcome Outcome, QalamUser? User, string? Link)> ResetLinkAsync(Viewer viewer, string userId)
    {
        if (await users.FindByIdAsync(userId) is not { } user)
        {
            return (UserLockOutcome.NotFound, null, null);
        }
        return MayActOn(viewer, user) ? (UserLockOutcome.Done, user, await recovery.LinkAsync(user)) : (UserLockOutcome.NotAllowed, null, null);
    }

    // Nobody acts on themselves here, and only the install's owners act on its owners and admins.
    private static bool MayActOn(Viewer viewer, QalamUser user) =>
        viewer.IsInstallAdmin && user.Id != viewer.UserId && (!user.IsInstallAdmin || viewer.InstallRole == InstallRole.Owner);
}
