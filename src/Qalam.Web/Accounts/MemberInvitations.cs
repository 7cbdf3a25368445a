using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Qalam.Blogs;
using Qalam.Localization;
using Qalam.Mail;
using Qalam.Storage;

namespace Qalam.Accounts;

public sealed record PendingInvitation(int Id, string Email, BlogRole Role, DateTime ExpiresAt);

// An invitation as its link shows it.
public sealed record InvitationView(int Id, int BlogId, string BlogHandle, string BlogTitle, string BlogLanguage, string Email,
    string NormalizedEmail, BlogRole Role, bool Mailed);

public abstract record InvitationSent
{
    // Mailed to the address: the inviter never sees the link.
    public sealed record Mailed(string Email) : InvitationSent;

    // No mail on this install: the inviter hands the link over.
    public sealed record Shown(string Email, string Link) : InvitationSent;

    public sealed record InvalidEmail : InvitationSent;
}

// Makes, lists, withdraws and accepts a blog's invitations. The blog always comes from the caller's checked access,
// and accepting is one conditional update, so a link works once, for its own address, before it expires.
public sealed class MemberInvitations(QalamDb db, UserManager<QalamUser> users, Outbox outbox, BlogAddresses addresses, TimeProvider time)
{
    public static readonly TimeSpan ValidFor = TimeSpan.FromDays(14);

    public async Task<InvitationSent> InviteAsync(BlogView blog, string? email, BlogRole role, Viewer inviter, CancellationToken cancellationToken)
    {
        var address = email?.Trim() ?? "";
        if (address.Length > 256 || !Text.EmailAddresses.IsValid(address))
        {
            return new InvitationSent.InvalidEmail();
        }
        var normalized = users.NormalizeEmail(address);
        var code = SecretCodes.New(24);
        var now = time.GetUtcNow().UtcDateTime;
        // A new invitation to the same address replaces the one still waiting (a changed role, a lost mail).
        await db.Set<MemberInvitation>().Where(i => i.BlogId == blog.Id && i.NormalizedEmail == normalized && i.AcceptedAt == null)
            .ExecuteDeleteAsync(cancellationToken);
        db.Add(new MemberInvitation(blog.Id, address, normalized, role, SecretCodes.HashOf(code), inviter.UserId, outbox.Enabled, now, now + ValidFor));
        var link = $"{addresses.Site().Origin}/admin/join/{code}";
        if (!outbox.Enabled)
        {
            await db.SaveChangesAsync(cancellationToken);
            return new InvitationSent.Shown(address, link);
        }
        var text = UiText.For(blog.Language);
        outbox.Add(address, text["Members.Mail.Subject", blog.Title], new StringBuilder()
            .AppendLine(text["Members.Mail.Intro", blog.Title, text["Admin.Role." + role]])
            .AppendLine()
            .AppendLine(link)
            .AppendLine()
            .AppendLine(text["Members.Mail.Ignore", text.Number(ValidFor.Days)])
            .ToString());
        await db.SaveChangesAsync(cancellationToken);
        return new InvitationSent.Mailed(address);
    }

    public Task<List<PendingInvitation>> PendingAsync(int blogId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return db.Set<MemberInvitation>().AsNoTracking()
            .Where(i => i.BlogId == blogId && i.AcceptedAt == null && i.ExpiresAt > now)
            .OrderBy(i => i.Email)
            .Select(i => new PendingInvitation(i.Id, i.Email, i.Role, i.ExpiresAt))
            .ToListAsync(cancellationToken);
    }

    public async Task<bool> WithdrawAsync(int blogId, int id, CancellationToken cancellationToken) =>
        await db.Set<MemberInvitation>().Where(i => i.BlogId == blogId && i.Id == id && i.AcceptedAt == null).ExecuteDeleteAsync(cancellationToken) > 0;

    // A usable invitation: not accepted, not expired, its blog still there.
    public async Task<InvitationView?> FindAsync(string? code, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(code) || code.Length > 64)
        {
            return null;
        }
        var hash = SecretCodes.HashOf(code);
        var now = time.GetUtcNow().UtcDateTime;
        return await db.Set<MemberInvitation>().AsNoTracking()
            .Where(i => i.CodeHash == hash && i.AcceptedAt == null && i.ExpiresAt > now)
            .Join(db.Blogs, i => i.BlogId, b => b.Id, (i, b) => new InvitationView(i.Id, b.Id, b.Handle, b.Title, b.Language, i.Email,
                i.NormalizedEmail, i.Role, i.Mailed))
            .SingleOrDefaultAsync(cancellationToken);
    }

    public static bool IsFor(InvitationView invitation, QalamUser user) =>
        string.Equals(invitation.NormalizedEmail, user.NormalizedEmail, StringComparison.Ordinal);

    // Gives the invited person the role, once; someone who already has a higher role on the blog keeps it.
    public async Task<bool> AcceptAsync(string code, QalamUser user, CancellationToken cancellationToken)
    {
        var hash = SecretCodes.HashOf(code);
        var now = time.GetUtcNow().UtcDateTime;
        var invitation = await db.Set<MemberInvitation>().AsNoTracking()
            .SingleOrDefaultAsync(i => i.CodeHash == hash && i.AcceptedAt == null && i.ExpiresAt > now, cancellationToken);
        if (invitation is null || invitation.NormalizedEmail != user.NormalizedEmail)
        {
            return false;
        }
        var spent = await db.Set<MemberInvitation>()
            .Where(i => i.Id == invitation.Id && i.AcceptedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.AcceptedAt, now), cancellationToken);
        if (spent == 0)
        {
            return false;
        }
        var member = await db.BlogMembers.SingleOrDefaultAsync(m => m.BlogId == invitation.BlogId && m.UserId == user.Id, cancellationToken);
        if (member is null)
        {
            db.BlogMembers.Add(new BlogMember(invitation.BlogId, user.Id, invitation.Role));
        }
        else if (member.Role < invitation.Role)
        {
            member.Role = invitation.Role;
        }
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
