using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Qalam.Mail;

// A message waiting in the outbox. It is saved in the same transaction as the change it reports, so a comment
// and the mail about it exist together or not at all; MailSender delivers it later, retrying on failure.
public sealed class OutgoingMail
{
    public const int SubjectMaxLength = 300;

    private OutgoingMail()
    {
    }

    public OutgoingMail(string to, string subject, string body, string? unsubscribeUrl, DateTime createdAt, string? html = null)
    {
        Html = html;
        To = to;
        Subject = subject.Length > SubjectMaxLength ? subject[..SubjectMaxLength] : subject;
        Body = body;
        UnsubscribeUrl = unsubscribeUrl;
        CreatedAt = createdAt;
        NextAttemptAt = createdAt;
    }

    public long Id { get; private set; }
    public string To { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string Body { get; private set; } = "";

    // The HTML part, when the mail has one (sent as multipart/alternative with Body as the plain-text part).
    public string? Html { get; private set; }

    // Mail to many people (a post to a blog's subscribers) keeps one copy of its parts (SharedMailBody) and leaves
    // Body empty; the sender puts this message's UnsubscribeUrl in place of SharedMailBody.UnsubscribeMark.
    public long? SharedBodyId { get; private set; }

    // Sent as List-Unsubscribe with List-Unsubscribe-Post (RFC 8058), so mail programs offer one-click unsubscribe.
    public string? UnsubscribeUrl { get; private set; }
    public DateTime CreatedAt { get; private set; }
    // A sender claims a message by moving this forward in one conditional statement (MailSender), so two nodes
    // never both send it.
    public DateTime NextAttemptAt { get; private set; }
    public int Attempts { get; private set; }
    public DateTime? SentAt { get; private set; }
    public string? LastError { get; private set; }

    public static OutgoingMail ToMany(string to, SharedMailBody body, string unsubscribeUrl, DateTime createdAt) =>
        new(to, body.Subject, "", unsubscribeUrl, createdAt) { SharedBodyId = body.Id };
}

// The parts of a mail sent to many recipients, stored once.
[System.ComponentModel.DataAnnotations.Schema.Table("mail_shared_bodies")]
public sealed class SharedMailBody
{
    public const string UnsubscribeMark = "{{unsubscribe}}";

    private SharedMailBody()
    {
    }

    public SharedMailBody(string subject, string text, string html, DateTime createdAt)
    {
        Subject = subject.Length > OutgoingMail.SubjectMaxLength ? subject[..OutgoingMail.SubjectMaxLength] : subject;
        Text = text;
        Html = html;
        CreatedAt = createdAt;
    }

    public long Id { get; private set; }
    public string Subject { get; private set; } = "";
    public string Text { get; private set; } = "";
    public string Html { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
}

public sealed class OutgoingMailConfiguration : IEntityTypeConfiguration<OutgoingMail>
{
    public void Configure(EntityTypeBuilder<OutgoingMail> builder)
    {
        builder.ToTable("mail_outbox");
        builder.Property(m => m.To).HasMaxLength(254);
        builder.Property(m => m.Subject).HasMaxLength(OutgoingMail.SubjectMaxLength);
        builder.Property(m => m.UnsubscribeUrl).HasMaxLength(500);
        builder.Property(m => m.LastError).HasMaxLength(1000);
        builder.HasIndex(m => new { m.SentAt, m.NextAttemptAt });
        builder.HasOne<SharedMailBody>().WithMany().HasForeignKey(m => m.SharedBodyId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(m => m.SharedBodyId);
    }
}
