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

public sealed class Comment
{
    public const int NameMaxLength = 100;
    public const int EmailMaxLength = 254;
    public const int WebsiteMaxLength = 300;
    public const int BodyMaxLength = 5000;

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
        builder.HasIndex(c => new { c.PostId, c.Status, c.CreatedAt });
        builder.HasIndex(c => new { c.BlogId, c.Status });
        builder.HasOne<Blogs.Blog>().WithMany().HasForeignKey(c => c.BlogId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Post>().WithMany().HasForeignKey(c => c.PostId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Comment>().WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}
