using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Qalam.Comments;

// How often a token appeared in the comments a blog's moderators called spam and called good. Rows are only
// changed by atomic upserts (SpamFilter.TeachAsync), so two moderators deciding at once lose nothing.
public sealed class SpamToken
{
    public const int TokenMaxLength = 64;

    public int BlogId { get; private set; }
    public string Token { get; private set; } = "";
    public int Spam { get; private set; }
    public int Ham { get; private set; }
}

public sealed class SpamTokenConfiguration : IEntityTypeConfiguration<SpamToken>
{
    public void Configure(EntityTypeBuilder<SpamToken> builder)
    {
        builder.ToTable("spam_tokens");
        builder.HasKey(t => new { t.BlogId, t.Token });
        builder.Property(t => t.BlogId).HasColumnName("blog_id");
        builder.Property(t => t.Token).HasColumnName("token").HasMaxLength(SpamToken.TokenMaxLength);
        builder.Property(t => t.Spam).HasColumnName("spam");
        builder.Property(t => t.Ham).HasColumnName("ham");
        builder.HasOne<Blogs.Blog>().WithMany().HasForeignKey(t => t.BlogId).OnDelete(DeleteBehavior.Cascade);
    }
}
