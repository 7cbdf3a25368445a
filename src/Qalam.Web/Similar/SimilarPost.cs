using System.ComponentModel.DataAnnotations.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qalam.Posts;

namespace Qalam.Similar;

// A precomputed neighbour of a post, so the post page does no ranking work per view.
[Table("similar_posts")]
public sealed class SimilarPost
{
    private SimilarPost()
    {
    }

    public SimilarPost(int postId, int similarPostId, int rank, double score)
    {
        PostId = postId;
        SimilarPostId = similarPostId;
        Rank = rank;
        Score = score;
    }

    public int PostId { get; private set; }
    public int SimilarPostId { get; private set; }
    public int Rank { get; private set; }
    public double Score { get; private set; }
}

public sealed class SimilarPostConfiguration : IEntityTypeConfiguration<SimilarPost>
{
    public void Configure(EntityTypeBuilder<SimilarPost> builder)
    {
        builder.HasKey(s => new { s.PostId, s.SimilarPostId });
        builder.HasIndex(s => new { s.PostId, s.Rank });
        builder.HasOne<Post>().WithMany().HasForeignKey(s => s.PostId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Post>().WithMany().HasForeignKey(s => s.SimilarPostId).OnDelete(DeleteBehavior.Cascade);
    }
}
