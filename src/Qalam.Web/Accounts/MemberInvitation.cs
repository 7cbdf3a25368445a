using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qalam.Blogs;

namespace Qalam.Accounts;

// A blog's invitation to one address to take a role on it. Nobody gains a role on a blog without accepting, signed
// in as the invited address (or by making an account for it from the link): an owner names an email, never an
// account. Only a hash of the code is stored.
public sealed class MemberInvitation
{
    private MemberInvitation()
    {
    }

    public MemberInvitation(int blogId, string email, string normalizedEmail, BlogRole role, string codeHash, string invitedBy, bool mailed,
        DateTime createdAt, DateTime expiresAt)
    {
        BlogId = blogId;
        Email = email;
        NormalizedEmail = normalizedEmail;
        Role = role;
        CodeHash = codeHash;
        InvitedBy = invitedBy;
        Mailed = mailed;
        CreatedAt = createdAt;
        ExpiresAt = expiresAt;
    }

    public int Id { get; private set; }
    public int BlogId { get; private set; }
    public string Email { get; private set; } = "";
    public string NormalizedEmail { get; private set; } = "";
    public BlogRole Role { get; private set; }
    public string CodeHash { get; private set; } = "";
    public string InvitedBy { get; private set; } = "";

    // Sent to the address itself rather than shown to the inviter: whoever opens it then holds that mailbox.
    public bool Mailed { get; private set; }

    public DateTime CreatedAt { get; private set; }
    public DateTime ExpiresAt { get; private set; }
    public DateTime? AcceptedAt { get; private set; }
}

public sealed class MemberInvitationConfiguration : IEntityTypeConfiguration<MemberInvitation>
{
    public void Configure(EntityTypeBuilder<MemberInvitation> builder)
    {
        builder.ToTable("member_invitations");
        builder.Property(i => i.Email).HasMaxLength(256);
        builder.Property(i => i.NormalizedEmail).HasMaxLength(256);
        builder.Property(i => i.CodeHash).HasMaxLength(64);
        builder.Property(i => i.InvitedBy).HasMaxLength(450);
        builder.HasIndex(i => i.CodeHash).IsUnique();
        builder.HasIndex(i => new { i.BlogId, i.NormalizedEmail });
        builder.HasOne<Blog>().WithMany().HasForeignKey(i => i.BlogId).OnDelete(DeleteBehavior.Cascade);
    }
}
