using System.ComponentModel.DataAnnotations.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Qalam.Posts;

[Table("tags")]
public sealed class Tag
{
    private Tag()
    {
    }

    public Tag(int blogId, string name)
    {
        BlogId = blogId;
        Name = name.Trim();
        Slug = Slugs.From(Name);
    }

    public int Id { get; private set; }
    public int BlogId { get; private set; }
    public string Name { get; private set; } = "";
    public string Slug { get; private set; } = "";
}

public sealed class TagConfiguration : IEntityTypeConfiguration<Tag>
{
    public void Configure(EntityTypeBuilder<Tag> builder)
    {
        builder.Property(t => t.Name).HasMaxLength(100);
        builder.Property(t => t.Slug).HasMaxLength(100);
        builder.HasIndex(t => new { t.BlogId, t.Slug }).IsUnique();
        builder.HasOne<Blogs.Blog>().WithMany().HasForeignKey(t => t.BlogId).OnDelete(DeleteBehavior.Cascade);
    }
}
