using System.ComponentModel.DataAnnotations.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qalam.Blogs;

namespace Qalam.Similar;

// How far the last full rebuild of a blog's lists had read the blog: its newest post change and highest post id
// when it began. A rebuild that began earlier and finishes later gives way to it instead of writing older lists over
// its lists (SimilarPostsBuilder.ReplaceAsync).
[Table("similar_builds")]
public sealed class SimilarBuild
{
    private SimilarBuild()
    {
    }

    public SimilarBuild(int blogId)
    {
        BlogId = blogId;
    }

    public int BlogId { get; private set; }
    public DateTime? ReadUpToUpdate { get; private set; }
    public int? ReadUpToId { get; private set; }

    // Whether this build read changes that a rebuild which read up to (lastUpdate, lastId) did not see.
    public bool ReadLaterThan(DateTime? lastUpdate, int? lastId) =>
        (ReadUpToUpdate ?? DateTime.MinValue) > (lastUpdate ?? DateTime.MinValue) || (ReadUpToId ?? 0) > (lastId ?? 0);

    public void Read(DateTime? lastUpdate, int? lastId)
    {
        ReadUpToUpdate = lastUpdate;
        ReadUpToId = lastId;
    }
}

public sealed class SimilarBuildConfiguration : IEntityTypeConfiguration<SimilarBuild>
{
    public void Configure(EntityTypeBuilder<SimilarBuild> builder)
    {
        builder.HasKey(b => b.BlogId);
        builder.Property(b => b.BlogId).ValueGeneratedNever();
        builder.HasOne<Blog>().WithMany().HasForeignKey(b => b.BlogId).OnDelete(DeleteBehavior.Cascade);
    }
}
