using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qalam.Accounts;
using Qalam.Storage;

namespace Qalam.Signup;

// One sign-up allowed by the operator when Signup:Mode is Invitation. Only a hash of the code is stored, so a copy of
// the database does not hand out sign-ups.
public sealed class SignupInvitation
{
    private SignupInvitation()
    {
    }

    public SignupInvitation(string codeHash, DateTime createdAt, DateTime expiresAt, string? note)
    {
        CodeHash = codeHash;
        CreatedAt = createdAt;
        ExpiresAt = expiresAt;
        Note = note;
    }

    public int Id { get; private set; }
    public string CodeHash { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public DateTime ExpiresAt { get; private set; }
    public DateTime? UsedAt { get; private set; }

    // Whom the operator meant it for (an email, a name): shown in the operator area, not checked.
    public string? Note { get; private set; }
}

public sealed class SignupInvitationConfiguration : IEntityTypeConfiguration<SignupInvitation>
{
    public void Configure(EntityTypeBuilder<SignupInvitation> builder)
    {
        builder.ToTable("signup_invitations");
        builder.Property(i => i.CodeHash).HasMaxLength(64);
        builder.HasIndex(i => i.CodeHash).IsUnique();
        builder.Property(i => i.Note).HasMaxLength(200);
    }
}

// Makes and spends invitations. Spending is one conditional update, so a code used at once on two nodes (or twice
// in one second) admits one sign-up only.
public sealed class SignupInvitations(QalamDb db, TimeProvider time)
{
    public async Task<string> CreateAsync(string? note, TimeSpan validFor, CancellationToken cancellationToken)
    {
        var code = SecretCodes.New(18);
        var now = time.GetUtcNow().UtcDateTime;
        var trimmed = string.IsNullOrWhiteSpace(note) ? null : note.Trim()[..Math.Min(note.Trim().Length, 200)];
        db.Add(new SignupInvitation(SecretCodes.HashOf(code), now, now + validFor, trimmed));
        await db.SaveChangesAsync(cancellationToken);
        return code;
    }

    public async Task<bool> IsUsableAsync(string? code, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return false;
        }
        var hash = SecretCodes.HashOf(code.Trim());
        var now = time.GetUtcNow().UtcDateTime;
        return await db.Set<SignupInvitation>().AnyAsync(i => i.CodeHash == hash && i.UsedAt == null && i.ExpiresAt > now, cancellationToken);
    }

    public async Task<bool> SpendAsync(string code, CancellationToken cancellationToken)
    {
        var hash = SecretCodes.HashOf(code.Trim());
        var now = time.GetUtcNow().UtcDateTime;
        return await db.Set<SignupInvitation>().Where(i => i.CodeHash == hash && i.UsedAt == null && i.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.UsedAt, now), cancellationToken) == 1;
    }

    // A sign-up that failed after spending its invitation gives it back.
    public Task ReturnAsync(string code, CancellationToken cancellationToken)
    {
        var hash = SecretCodes.HashOf(code.Trim());
        return db.Set<SignupInvitation>().Where(i => i.CodeHash == hash).ExecuteUpdateAsync(s => s.SetProperty(i => i.UsedAt, (DateTime?)null), cancellationToken);
    }

    public Task<int> OpenCountAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return db.Set<SignupInvitation>().CountAsync(i => i.UsedAt == null && i.ExpiresAt > now, cancellationToken);
    }
}
