using System.ComponentModel.DataAnnotations.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qalam.Posts;

namespace Qalam.Comments;

public enum CommentStatus
{
    Pending = 0,
    Approved = 1,
    Spam = 2,
    Deleted = 3,
}

// What the learning filter was last taught from a comment, so that a changed decision replaces the old lesson.
public enum SpamLesson
{
    None = 0,
    Ham = 1,
    Spam = 2,
}

[Table("comments")]
public sealed class Comment
{
    public const int NameMaxLength = 100;
    public const int EmailMaxLength = 254;
    public const int WebsiteMaxLength = 300;
    public const int BodyMaxLength = 5000;
    public const int ReasonsMaxLength = 1000;
    public const int AddressMaxLength = 45;

    private Comment()
    {
    }

    public Comment(int blogId, int postId, int? parentId, string authorName, string? authorEmail, string? authorWebsite,
        string body, CommentStatus status, DateTime createdAt)
    {
        BlogId = blogId;
        PostId = postId;
        ParentId = parentId;
        AuthorName = authorName;
        AuthorEmail = authorEmail;
        AuthorWebsite = authorWebsite;
        Body = body;
        Status = status;
        CreatedAt = createdAt;
    }

    public int Id { get; private set; }
    public int BlogId { get; private set; }
    public int PostId { get; private set; }
    public int? ParentId { get; private set; }
    public string AuthorName { get; private set; } = "";
    public string? AuthorEmail { get; private set; }
    public string? AuthorWebsite { get; private set; }
    public string Body { get; private set; } = "";
    public CommentStatus Status { get; private set; }
    public DateTime CreatedAt { get; private set; }

    // Why the screen held the comment or sent it to spam (CommentReasons' format); null when nothing was noticed.
    public string? Reasons { get; private set; }

    // Same writer, same post, same words: unique per post, so a duplicate is refused by the database itself,
    // whichever node receives it. Null for comments that were not sent through the form or the API (imports).
    public string? Fingerprint { get; private set; }

    public string? ClientAddress { get; private set; }
    public SpamLesson Lesson { get; private set; }

    // When the writers who asked to hear of replies were told about this reply; it is told once.
    public DateTime? ReplyNoticeSentAt { get; private set; }

    public void Screened(string? reasons, string? fingerprint, string? clientAddress)
    {
        Reasons = reasons;
        Fingerprint = fingerprint;
        ClientAddress = clientAddress;
    }

    public void Taught(SpamLesson lesson) => Lesson = lesson;

    public void ReplyNoticeSent(DateTime at) => ReplyNoticeSentAt = at;

    public void Approve() => Status = CommentStatus.Approved;

    public void MarkSpam() => Status = CommentStatus.Spam;

    public void Hold() => Status = CommentStatus.Pending;

    public void Delete() => Status = CommentStatus.Deleted;
}

public sealed class CommentConfiguration : IEntityTypeConfiguration<Comment>
{
    public void Configure(EntityTypeBuilder<Comment> builder)
    {
        builder.Property(c => c.AuthorName).HasMaxLength(Comment.NameMaxLength);
        builder.Property(c => c.AuthorEmail).HasMaxLength(Comment.EmailMaxLength);
        builder.Property(c => c.AuthorWebsite).HasMaxLength(Comment.WebsiteMaxLength);
        builder.Property(c => c.Body).HasMaxLength(Comment.BodyMaxLength);
        builder.Property(c => c.Reasons).HasMaxLength(Comment.ReasonsMaxLength);
        builder.Property(c => c.Fingerprint).HasMaxLength(64);
        builder.Property(c => c.ClientAddress).HasMaxLength(Comment.AddressMaxLength);
        builder.HasIndex(c => new { c.PostId, c.Fingerprint }).IsUnique();
        builder.HasIndex(c => new { c.PostId, c.Status, c.CreatedAt });
        builder.HasIndex(c => new { c.BlogId, c.Status });
        builder.HasOne<Blogs.Blog>().WithMany().HasForeignKey(c => c.BlogId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Post>().WithMany().HasForeignKey(c => c.PostId).OnDelete(DeleteBehavior.Cascade);
        // Comments are never removed one by one (moderation marks them deleted); rows go only with their post or blog,
        // and a reply then goes with what it answers. Restrict made the database refuse to purge a post with replies.
        builder.HasOne<Comment>().WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Cascade);
    }
}
