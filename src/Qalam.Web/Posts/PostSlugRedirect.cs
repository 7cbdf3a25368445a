using System.ComponentModel.DataAnnotations.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qalam.Blogs;

namespace Qalam.Posts;

// A slug a post answered to before it was renamed; its address keeps working as a permanent redirect.
[Table("post_slug_redirects")]
public sealed class PostSlugRedirect
{
    private PostSlugRedirect()
    {
    }

    public PostSlugRedirect(int blogId, string slug, int postId)
    {
        BlogId = blogId;
        Slug = slug;
        PostId = postId;
    }

    public int Id { get; private set; }
    public int BlogId { get; private set; }
    public string Slug { get; private set; } = "";
    public int PostId { get; set; }
}

public sealed class PostSlugRedirectConfiguration : IEntityTypeConfiguration<PostSlugRedirect>
{
    public void Configure(EntityTypeBuilder<PostSlugRedirect> builder)
    {
        builder.Property(r => r.Slug).HasMaxLength(Post.SlugMaxLength);
        builder.HasIndex(r => new { r.BlogId, r.Slug }).IsUnique();
        builder.HasOne<Blog>().WithMany().HasForeignKey(r => r.BlogId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Post>().WithMany().HasForeignKey(r => r.PostId).OnDelete(DeleteBehavior.Cascade);
    }
}
