using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Qalam.Comments;

// A writer's request to hear by email of replies to their comment. It does nothing until the address's owner
// confirms it from the mail sent to them (double opt-in); the same secret link unsubscribes in one click.
public sealed class CommentSubscription
{
    private CommentSubscription()
    {
    }

    public CommentSubscription(int commentId, string email, string token, DateTime createdAt)
    {
        CommentId = commentId;
        Email = email;
        Token = token;
        CreatedAt = createdAt;
    }

    public int Id { get; private set; }
    public int CommentId { get; private set; }
    public string Email { get; private set; } = "";

    // The secret in the confirmation and unsubscribe links. Kept as it is (not hashed) because every reply notice
    // carries it again; it grants nothing but confirming or ending this one subscription.
    public string Token { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public DateTime? ConfirmedAt { get; private set; }

    public void Confirm(DateTime at) => ConfirmedAt ??= at;
}

public sealed class CommentSubscriptionConfiguration : IEntityTypeConfiguration<CommentSubscription>
{
    public void Configure(EntityTypeBuilder<CommentSubscription> builder)
    {
        builder.ToTable("comment_subscriptions");
        builder.Property(s => s.Email).HasMaxLength(Comment.EmailMaxLength);
        builder.Property(s => s.Token).HasMaxLength(64);
        builder.HasIndex(s => s.Token).IsUnique();
        builder.HasIndex(s => s.CommentId);
        builder.HasOne<Comment>().WithMany().HasForeignKey(s => s.CommentId).OnDelete(DeleteBehavior.Cascade);
    }
}
