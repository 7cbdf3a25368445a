using System.ComponentModel.DataAnnotations.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qalam.Blogs;
using Qalam.Storage;

namespace Qalam.Accounts;

public enum BlogRole
{
    Author = 0,
    Editor = 1,
    Owner = 2,
}

// A person's role on one blog. One person may belong to several blogs with different roles.
[Table("blog_members")]
public sealed class BlogMember
{
    private BlogMember()
    {
    }

    public BlogMember(int blogId, string userId, BlogRole role)
    {
        BlogId = blogId;
        UserId = userId;
        Role = role;
    }

    public int Id { get; private set; }
    public int BlogId { get; private set; }
    public string UserId { get; private set; } = "";
    public BlogRole Role { get; set; }
}

public sealed class BlogMemberConfiguration : IEntityTypeConfiguration<BlogMember>
{
    public void Configure(EntityTypeBuilder<BlogMember> builder)
    {
        builder.HasIndex(m => new { m.BlogId, m.UserId }).IsUnique();
        builder.HasIndex(m => m.UserId);
        builder.HasOne<Blog>().WithMany().HasForeignKey(m => m.BlogId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<QalamUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
