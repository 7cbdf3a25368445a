using System.ComponentModel.DataAnnotations.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qalam.Blogs;

namespace Qalam.Media;

// An uploaded image. The bytes live in the media folder under a name Qalam chose; the row remembers the rest.
[Table("media_files")]
public sealed class MediaFile
{
    public const int OriginalNameMaxLength = 200;
    public const int AltMaxLength = 300;

    private MediaFile()
    {
    }

    public MediaFile(int blogId, string storedName, string originalName, string contentType, long size, string? uploadedBy, DateTime createdAt)
    {
        BlogId = blogId;
        StoredName = storedName;
        OriginalName = originalName;
        ContentType = contentType;
        Size = size;
        UploadedBy = uploadedBy;
        CreatedAt = createdAt;
    }

    public int Id { get; private set; }
    public int BlogId { get; private set; }
    public string StoredName { get; private set; } = "";
    public string OriginalName { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public long Size { get; private set; }
    public string? UploadedBy { get; private set; }
    public DateTime CreatedAt { get; private set; }

    // What the picture shows, for readers who cannot see it: asked by the editor, edited in the library, and the
    // default alt text of the Markdown the library offers.
    public string? Alt { get; set; }

    // The picture's size after orientation (0 for files stored before images were processed).
    public int Width { get; private set; }
    public int Height { get; private set; }

    // An animated GIF is kept as uploaded and gets no copies.
    public bool Animated { get; private set; }

    // The widths of the WebP copies made so far ("480,960"), and what they take on disk (counted in the quota).
    // Null until MediaCopyMaker has been through the file.
    public string? CopyWidths { get; private set; }
    public long CopiesSize { get; private set; }

    public void Measured(int width, int height, bool animated)
    {
        Width = width;
        Height = height;
        Animated = animated;
    }

    public void CopiesMade(IEnumerable<int> widths, long bytes)
    {
        CopyWidths = string.Join(',', widths);
        CopiesSize = bytes;
    }

    public IReadOnlyList<int> Copies => CopyWidths is null or "" ? [] : [.. CopyWidths.Split(',').Select(int.Parse)];
}

public sealed class MediaFileConfiguration : IEntityTypeConfiguration<MediaFile>
{
    public void Configure(EntityTypeBuilder<MediaFile> builder)
    {
        builder.Property(m => m.StoredName).HasMaxLength(80);
        builder.Property(m => m.OriginalName).HasMaxLength(MediaFile.OriginalNameMaxLength);
        builder.Property(m => m.ContentType).HasMaxLength(40);
        builder.Property(m => m.CopyWidths).HasMaxLength(100);
        builder.Property(m => m.Alt).HasMaxLength(MediaFile.AltMaxLength);
        builder.Ignore(m => m.Copies);
        builder.HasOne<Storage.QalamUser>().WithMany().HasForeignKey(m => m.UploadedBy).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(m => new { m.BlogId, m.StoredName }).IsUnique();
        builder.HasOne<Blog>().WithMany().HasForeignKey(m => m.BlogId).OnDelete(DeleteBehavior.Cascade);
        // A post's featured image (Posts knows only the id; MediaLibrary clears the rest of the copy on delete).
        builder.HasMany<Posts.Post>().WithOne().HasForeignKey(p => p.FeaturedImageId).OnDelete(DeleteBehavior.SetNull);
    }
}
