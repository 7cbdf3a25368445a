using System.ComponentModel.DataAnnotations.Schema;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qalam.Blogs;

namespace Qalam.Import;

public enum ImportedKind
{
    Post = 0,
    Comment = 1,
    Media = 2,
    Page = 3,
}

// Remembers what an import brought into a blog, so that importing the same export again adds only what is new.
// The key is a hash of the source site and the item's id there: fixed length, whatever the export holds.
[Table("imported_items")]
public sealed class ImportedItem
{
    private ImportedItem()
    {
    }

    public ImportedItem(int blogId, string sourceKey, ImportedKind kind, int targetId)
    {
        BlogId = blogId;
        SourceKey = Hash(sourceKey);
        Kind = kind;
        TargetId = targetId;
    }

    public int Id { get; private set; }
    public int BlogId { get; private set; }
    public string SourceKey { get; private set; } = "";
    public ImportedKind Kind { get; private set; }
    public int TargetId { get; private set; }

    public static string Hash(string sourceKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sourceKey)));
}

public sealed class ImportedItemConfiguration : IEntityTypeConfiguration<ImportedItem>
{
    public void Configure(EntityTypeBuilder<ImportedItem> builder)
    {
        builder.Property(i => i.SourceKey).HasMaxLength(64);
        builder.HasIndex(i => new { i.BlogId, i.SourceKey }).IsUnique();
        builder.HasOne<Blog>().WithMany().HasForeignKey(i => i.BlogId).OnDelete(DeleteBehavior.Cascade);
    }
}
