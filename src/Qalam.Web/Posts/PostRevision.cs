using System.ComponentModel.DataAnnotations.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Qalam.Posts;

public enum RevisionKind
{
    // A save from the editor, the API or a restore: what the post said from then on.
    Saved = 0,

    // The editor's autosave: kept beside the post, never shown to readers; one per writer and post, replaced as they
    // type and dropped when they save.
    Autosave = 1,

    // A save that brought back an earlier revision.
    Restored = 2,

    // What a post said before its first revision: imported posts, and posts written before revisions were kept.
    Original = 3,
}

[Table("post_revisions")]
public sealed class PostRevision
{
    private PostRevision()
    {
    }

    public PostRevision(Post post, string? authorId, RevisionKind kind, DateTime createdAt, string title, string markdown)
    {
        PostId = post.Id;
        BlogId = post.BlogId;
        AuthorId = authorId;
        Kind = kind;
        CreatedAt = createdAt;
        Title = title;
        BodyMarkdown = markdown;
    }

    public long Id { get; private set; }
    public int PostId { get; private set; }

    // Kept beside the post's so a revision is always looked up within its blog.
    public int BlogId { get; private set; }
    public string? AuthorId { get; private set; }
    public RevisionKind Kind { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public string Title { get; private set; } = "";
    public string BodyMarkdown { get; private set; } = "";

    public void Replace(string title, string markdown, DateTime now)
    {
        Title = title;
        BodyMarkdown = markdown;
        CreatedAt = now;
    }
}

public sealed class PostRevisionConfiguration : IEntityTypeConfiguration<PostRevision>
{
    public void Configure(EntityTypeBuilder<PostRevision> builder)
    {
        builder.Property(r => r.Title).HasMaxLength(Post.TitleMaxLength);
        builder.HasOne<Post>().WithMany().HasForeignKey(r => r.PostId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Blogs.Blog>().WithMany().HasForeignKey(r => r.BlogId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Storage.QalamUser>().WithMany().HasForeignKey(r => r.AuthorId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(r => new { r.PostId, r.CreatedAt });
    }
}
