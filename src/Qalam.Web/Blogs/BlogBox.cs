using System.ComponentModel.DataAnnotations.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qalam.Storage;

namespace Qalam.Blogs;

public enum BoxKind
{
    About = 0,
    Photo = 1,
    Links = 2,
    Archive = 3,
    Tags = 4,
    RecentPosts = 5,
    RecentComments = 6,
    Search = 7,
    Subscribe = 8,
    Pages = 9,
}

// One box beside (or below) the posts, chosen and ordered by the blog's owner. Text is what the owner typed: Markdown
// for About, one "label | address" per line for Links; Html is About's Markdown rendered and sanitized when saved.
[Table("blog_boxes")]
public sealed class BlogBox
{
    public const int MaxPerBlog = 12;
    public const int TitleMaxLength = 60;
    public const int TextMaxLength = 5000;

    private BlogBox()
    {
    }

    public BlogBox(int blogId, int position, BoxKind kind, string title, string text, string html)
    {
        BlogId = blogId;
        Position = position;
        Kind = kind;
        Title = title;
        Text = text;
        Html = html;
    }

    public int Id { get; private set; }
    public int BlogId { get; private set; }
    public int Position { get; private set; }
    public BoxKind Kind { get; private set; }
    public string Title { get; private set; } = "";
    public string Text { get; private set; } = "";
    public string Html { get; private set; } = "";
}

public sealed class BlogBoxConfiguration : IEntityTypeConfiguration<BlogBox>
{
    public void Configure(EntityTypeBuilder<BlogBox> builder)
    {
        builder.Property(b => b.Title).HasMaxLength(BlogBox.TitleMaxLength);
        builder.Property(b => b.Text).HasMaxLength(BlogBox.TextMaxLength);
        builder.HasIndex(b => new { b.BlogId, b.Position });
        builder.HasOne<Blog>().WithMany().HasForeignKey(b => b.BlogId).OnDelete(DeleteBehavior.Cascade);
    }
}

public static class BlogBoxTables
{
    extension(QalamDb db)
    {
        public DbSet<BlogBox> BlogBoxes => db.Set<BlogBox>();
    }
}

// A link of a Links box, as stored: "label | address" per line. Addresses are http(s) or paths on the site.
public static class BoxLinks
{
    public static IEnumerable<(string Label, string Address)> Parse(string text)
    {
        foreach (var line in text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var bar = line.LastIndexOf('|');
            if (bar > 0)
            {
                yield return (line[..bar].Trim(), line[(bar + 1)..].Trim());
            }
        }
    }

    // An http(s) address, or a path on this site; nothing else (no javascript:, data:, or scheme-relative //host).
    public static string? Checked(string? address)
    {
        var text = address?.Trim() ?? "";
        if (text.Length is 0 or > 500)
        {
            return null;
        }
        if (text.StartsWith('/') && !text.StartsWith("//", StringComparison.Ordinal) && !text.Contains('\\', StringComparison.Ordinal))
        {
            return text;
        }
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0 ? uri.AbsoluteUri : null;
    }
}
