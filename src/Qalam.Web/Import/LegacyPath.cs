using System.ComponentModel.DataAnnotations.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qalam.Blogs;
using Qalam.Posts;

namespace Qalam.Import;

// An address a post had on the platform it was imported from (WordPress's /2024/01/02/slug/ or ?p=123), kept
// under the blog's address so that old links lead to the post with a permanent redirect.
[Table("legacy_paths")]
public sealed class LegacyPath
{
    public const int PathMaxLength = 400;

    private LegacyPath()
    {
    }

    public LegacyPath(int blogId, string path, int postId)
    {
        BlogId = blogId;
        Path = path;
        PostId = postId;
    }

    public int Id { get; private set; }
    public int BlogId { get; private set; }
    public string Path { get; private set; } = "";
    public int PostId { get; private set; }

    // The form both sides agree on: no leading or trailing slash, percent-escapes decoded, the query kept only when
    // it names a post by id (?p=, ?page_id=), which is how WordPress addresses posts without pretty permalinks.
    public static string? Normalize(string pathAndQuery)
    {
        var query = "";
        var mark = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var path = mark < 0 ? pathAndQuery : pathAndQuery[..mark];
        if (mark >= 0)
        {
            foreach (var pair in pathAndQuery[(mark + 1)..].Split('&'))
            {
                var parts = pair.Split('=', 2);
                if (parts.Length == 2 && parts[0] is "p" or "page_id" && long.TryParse(parts[1], out var id))
                {
                    query = $"?{parts[0]}={id}";
                    break;
                }
            }
        }
        string decoded;
        try
        {
            decoded = Uri.UnescapeDataString(path);
        }
        catch (UriFormatException)
        {
            decoded = path;
        }
        var normalized = decoded.Trim('/') + query;
        return normalized.Length is 0 or > PathMaxLength ? null : normalized;
    }
}

public sealed class LegacyPathConfiguration : IEntityTypeConfiguration<LegacyPath>
{
    public void Configure(EntityTypeBuilder<LegacyPath> builder)
    {
        builder.Property(l => l.Path).HasMaxLength(LegacyPath.PathMaxLength);
        builder.HasIndex(l => new { l.BlogId, l.Path }).IsUnique();
        builder.HasOne<Blog>().WithMany().HasForeignKey(l => l.BlogId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Post>().WithMany().HasForeignKey(l => l.PostId).OnDelete(DeleteBehavior.Cascade);
    }
}
