using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Qalam.Localization;
using Qalam.Storage;

namespace Qalam.Accounts;

// AddressConfirmed: whether the email is known to be the person's (made by the operator, or from a link mailed to it);
// an account whose address is not confirmed may write where it was invited but cannot make tokens or blogs.
public sealed record NewUser(string Email, string Password, string? DisplayName, InstallRole Role, string Language, bool AddressConfirmed);

public abstract record AccountOutcome
{
    public sealed record Created(QalamUser User) : AccountOutcome;
    public sealed record Failed(IReadOnlyList<IdentityError> Errors) : AccountOutcome;
}

public sealed class UserAccounts(UserManager<QalamUser> users, QalamDb db, TimeProvider time)
{
    public Task<bool> AnyAsync(CancellationToken cancellationToken) => db.Users.AnyAsync(cancellationToken);

    public async Task<AccountOutcome> CreateAsync(NewUser input, CancellationToken cancellationToken)
    {
        var email = input.Email.Trim();
        var name = string.IsNullOrWhiteSpace(input.DisplayName) ? email.Split('@')[0] : input.DisplayName.Trim();
        if (name.Length > QalamUser.DisplayNameMaxLength)
        {
            return new AccountOutcome.Failed([new IdentityError { Code = "DisplayNameTooLong", Description = $"The name must be at most {QalamUser.DisplayNameMaxLength} characters." }]);
        }
        var user = new QalamUser
        {
            UserName = email,
            Email = email,
            DisplayName = name,
            InstallRole = input.Role,
            Language = Languages.Normalize(input.Language),
            CreatedAt = time.GetUtcNow().UtcDateTime,
            EmailConfirmed = input.AddressConfirmed,
        };
        cancellationToken.ThrowIfCancellationRequested();
        var result = await users.CreateAsync(user, input.Password);
        return result.Succeeded ? new AccountOutcome.Created(user) : new AccountOutcome.Failed([.. result.Errors]);
    }

    public Task<QalamUser?> FindByEmailAsync(string email) => users.FindByEmailAsync(email.Trim());

    public Task<bool> CheckPasswordAsync(QalamUser user, string password) => users.CheckPasswordAsync(user, password);

    // Spends the time of checking a password against an account that does not exist (see SignIn, Signups).
    public void CheckNobodysPassword(string password) =>
        users.PasswordHasher.VerifyHashedPassword(Nobody, NobodysHash.Value, password);

    private static readonly QalamUser Nobody = new();
    private static readonly Lazy<string> NobodysHash = new(() => new PasswordHasher<QalamUser>().HashPassword(Nobody, Guid.NewGuid().ToString()));

    // Adds or changes a person's role on a blog.
    public async Task GrantAsync(int blogId, string userId, BlogRole role, CancellationToken cancellationToken)
    {
        var member = await db.BlogMembers.SingleOrDefaultAsync(m => m.BlogId == blogId && m.UserId == userId, cancellationToken);
        if (member is null)
        {
            db.BlogMembers.Add(new BlogMember(blogId, userId, role));
        }
        else
        {
            member.Role = role;
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<bool> RevokeAsync(int blogId, string userId, CancellationToken cancellationToken) =>
        await db.BlogMembers.Where(m => m.BlogId == blogId && m.UserId == userId).ExecuteDeleteAsync(cancellationToken) > 0;

    public Task<List<MemberView>> MembersAsync(int blogId, CancellationToken cancellationToken) =>
        db.BlogMembers.AsNoTracking()
            .Where(m => m.BlogId == blogId)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m, u })
            .OrderBy(x => x.u.Email)
            .Select(x => new MemberView(x.u.Id, x.u.Email ?? "", x.u.DisplayName, x.m.Role))
            .ToListAsync(cancellationToken);
}

public sealed record MemberView(string UserId, string Email, string DisplayName, BlogRole Role);
