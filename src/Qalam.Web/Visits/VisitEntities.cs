using System.ComponentModel.DataAnnotations.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qalam.Posts;

namespace Qalam.Visits;

// Visits of one post on one day of its blog's calendar; the source for per-day statistics.
[Table("post_visit_days")]
public sealed class PostVisitDay
{
    public int PostId { get; private set; }
    public DateOnly Day { get; private set; }
    public long Visits { get; private set; }
}

// Where new readers of a post came from, per day: the referring site's host name only, never the whole address.
[Table("post_referrer_days")]
public sealed class PostReferrerDay
{
    public const int HostMaxLength = 100;

    public int PostId { get; private set; }
    public DateOnly Day { get; private set; }
    public string Host { get; private set; } = "";
    public long Visits { get; private set; }
}

// Which readers have already been counted for a post today. Reader is a keyed hash whose key is the day's salt,
// so rows from different days cannot be linked to each other; rows older than yesterday are deleted.
[Table("visit_readers")]
public sealed class VisitReader
{
    public int PostId { get; private set; }
    public DateOnly Day { get; private set; }
    public string Reader { get; private set; } = "";
}

[Table("visit_salts")]
public sealed class VisitSalt
{
    public DateOnly Day { get; private set; }
    public byte[] Salt { get; private set; } = [];
}

public sealed class VisitEntityConfiguration :
    IEntityTypeConfiguration<PostVisitDay>, IEntityTypeConfiguration<VisitReader>, IEntityTypeConfiguration<VisitSalt>,
    IEntityTypeConfiguration<PostReferrerDay>
{
    public void Configure(EntityTypeBuilder<PostReferrerDay> builder)
    {
        builder.HasKey(v => new { v.PostId, v.Day, v.Host });
        builder.Property(v => v.Host).HasMaxLength(PostReferrerDay.HostMaxLength);
        builder.HasIndex(v => v.Day);
        builder.HasOne<Post>().WithMany().HasForeignKey(v => v.PostId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<PostVisitDay> builder)
    {
        builder.HasKey(v => new { v.PostId, v.Day });
        builder.HasOne<Post>().WithMany().HasForeignKey(v => v.PostId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<VisitReader> builder)
    {
        builder.HasKey(v => new { v.PostId, v.Day, v.Reader });
        builder.Property(v => v.Reader).HasMaxLength(44);
        builder.HasIndex(v => v.Day);
        builder.HasOne<Post>().WithMany().HasForeignKey(v => v.PostId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<VisitSalt> builder)
    {
        builder.HasKey(s => s.Day);
        builder.Property(s => s.Salt).HasMaxLength(32);
    }
}
