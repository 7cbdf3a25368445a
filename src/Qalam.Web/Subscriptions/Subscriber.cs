using System.ComponentModel.DataAnnotations.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Qalam.Subscriptions;

public enum SubscriberMode
{
    EachPost = 0,
    WeeklyDigest = 1,
}

// Someone who asked for a blog's new posts by email. Nobody gets a post before confirming the address by the
// mailed link (double opt-in); an import may mark people confirmed only on the owner's explicit word (Source).
// The token is the reader's key to their subscription: it is in every mail's links, and nothing else grants anything.
[Table("subscribers")]
public sealed class Subscriber
{
    public const int EmailMaxLength = 254;

    private Subscriber()
    {
    }

    public Subscriber(int blogId, string email, SubscriberMode mode, string token, SubscriberSource source, DateTime now)
    {
        BlogId = blogId;
        Email = email;
        Mode = mode;
        Token = token;
        Source = source;
        CreatedAt = now;
    }

    public long Id { get; private set; }
    public int BlogId { get; private set; }

    // Lower-cased (SubscriberDirectory.Normalize), so one address is one subscriber of a blog.
    public string Email { get; private set; } = "";
    public SubscriberMode Mode { get; private set; }
    public string Token { get; private set; } = "";
    public SubscriberSource Source { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime? ConfirmationSentAt { get; private set; }
    public DateTime? ConfirmedAt { get; private set; }
    public DateTime? UnsubscribedAt { get; private set; }

    public bool IsActive => ConfirmedAt is not null && UnsubscribedAt is null;

    public void ConfirmationSent(DateTime now) => ConfirmationSentAt = now;

    public void Confirm(DateTime now)
    {
        ConfirmedAt ??= now;
        UnsubscribedAt = null;
    }

    // Asking again after leaving starts over: the address must be confirmed again.
    public void Restart(SubscriberMode mode, DateTime now)
    {
        Mode = mode;
        if (UnsubscribedAt is not null)
        {
            ConfirmedAt = null;
            UnsubscribedAt = null;
            CreatedAt = now;
        }
    }

    public void ChangeMode(SubscriberMode mode) => Mode = mode;

    public void Unsubscribe(DateTime now) => UnsubscribedAt ??= now;
}

public enum SubscriberSource
{
    Form = 0,
    ImportConfirmedByMail = 1,

    // The owner stated, when importing, that these people had opted in elsewhere.
    ImportVouchedByOwner = 2,
}

public sealed class SubscriberConfiguration : IEntityTypeConfiguration<Subscriber>
{
    public void Configure(EntityTypeBuilder<Subscriber> builder)
    {
        builder.Property(s => s.Email).HasMaxLength(Subscriber.EmailMaxLength);
        builder.Property(s => s.Token).HasMaxLength(64);
        builder.HasIndex(s => new { s.BlogId, s.Email }).IsUnique();
        builder.HasIndex(s => s.Token).IsUnique();
        builder.HasIndex(s => new { s.BlogId, s.Mode, s.ConfirmedAt });
        builder.HasOne<Blogs.Blog>().WithMany().HasForeignKey(s => s.BlogId).OnDelete(DeleteBehavior.Cascade);
    }
}

// One send of something to a blog's subscribers: a post (Key "post:{id}") or a week's digest ("digest:{blog}:{day}").
// Inserting the row claims the send for one node (the key is unique); then each batch of recipients is claimed by
// moving Cursor forward in the same transaction that queues their mail, so a send interrupted anywhere resumes on any
// node with nobody queued twice and nobody left out.
[Table("subscriber_mailings")]
public sealed class SubscriberMailing
{
    private SubscriberMailing()
    {
    }

    public SubscriberMailing(string key, int blogId, int? postId, SubscriberMode mode, long? sharedBodyId, DateTime now)
    {
        Key = key;
        PostId = postId;
        BlogId = blogId;
        Mode = mode;
        SharedBodyId = sharedBodyId;
        StartedAt = now;
    }

    public long Id { get; private set; }
    public string Key { get; private set; } = "";
    public int BlogId { get; private set; }

    // The post this mailing sends (none for a digest). Not a foreign key: a post purged later leaves its record.
    public int? PostId { get; private set; }
    public SubscriberMode Mode { get; private set; }

    // Null when there was nobody to send to at the start (nothing is sent then).
    public long? SharedBodyId { get; private set; }
    public long Cursor { get; private set; }
    public int Recipients { get; private set; }
    public DateTime StartedAt { get; private set; }
    public DateTime? FinishedAt { get; private set; }

    public void Finish(DateTime now) => FinishedAt = now;
}

public sealed class SubscriberMailingConfiguration : IEntityTypeConfiguration<SubscriberMailing>
{
    public void Configure(EntityTypeBuilder<SubscriberMailing> builder)
    {
        builder.Property(m => m.Key).HasMaxLength(100);
        builder.HasIndex(m => m.Key).IsUnique();
        builder.HasIndex(m => m.FinishedAt);
        builder.HasIndex(m => m.PostId);
        builder.HasOne<Blogs.Blog>().WithMany().HasForeignKey(m => m.BlogId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Mail.SharedMailBody>().WithMany().HasForeignKey(m => m.SharedBodyId).OnDelete(DeleteBehavior.Restrict);
    }
}
