using System.ComponentModel.DataAnnotations.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Caching.Memory;
using Qalam.Storage;

namespace Qalam.Blogs;

public enum MenuItemKind
{
    Home = 0,
    Page = 1,
    Tag = 2,
    Archive = 3,
    Address = 4,
}

// One link of a blog's navigation menu. Target is where it leads, kept ready to write: a path below the blog's root
// for its own pages, tags and archive ("/pages/about"), or a full http(s) address for Address. A page's link is
// rewritten when the page is renamed and goes with the page (BlogPages).
[Table("blog_menu_items")]
public sealed class BlogMenuItem
{
    public const int LabelMaxLength = 60;
    public const int TargetMaxLength = 500;
    public const int MaxPerBlog = 20;

    private BlogMenuItem()
    {
    }

    public BlogMenuItem(int blogId, int position, string label, MenuItemKind kind, string target, int? pageId)
    {
        BlogId = blogId;
        Position = position;
        Label = label;
        Kind = kind;
        Target = target;
        PageId = pageId;
    }

    public int Id { get; private set; }
    public int BlogId { get; private set; }
    public int Position { get; private set; }
    public string Label { get; private set; } = "";
    public MenuItemKind Kind { get; private set; }
    public string Target { get; set; } = "";
    public int? PageId { get; private set; }
}

public sealed class BlogMenuItemConfiguration : IEntityTypeConfiguration<BlogMenuItem>
{
    public void Configure(EntityTypeBuilder<BlogMenuItem> builder)
    {
        builder.Property(m => m.Label).HasMaxLength(BlogMenuItem.LabelMaxLength);
        builder.Property(m => m.Target).HasMaxLength(BlogMenuItem.TargetMaxLength);
        builder.HasIndex(m => new { m.BlogId, m.Position });
        builder.HasIndex(m => m.PageId);
        builder.HasOne<Blog>().WithMany().HasForeignKey(m => m.BlogId).OnDelete(DeleteBehavior.Cascade);
    }
}

public static class BlogMenuTables
{
    extension(QalamDb db)
    {
        public DbSet<BlogMenuItem> BlogMenuItems => db.Set<BlogMenuItem>();
    }
}

public sealed record MenuLink(string Label, string Href);

// The menu every reader page shows, read once per blog and content version (a save anywhere on this node moves it).
public sealed class BlogMenus(QalamDb db, IMemoryCache cache, ContentVersion content, BlogAddresses addresses)
{
    public async Task<IReadOnlyList<MenuLink>> LinksAsync(BlogView blog, CancellationToken cancellationToken)
    {
        var key = ("menu", blog.Id, content.Current);
        if (cache.TryGetValue(key, out IReadOnlyList<MenuLink>? links) && links is not null)
        {
            return links;
        }
        var items = await db.BlogMenuItems.AsNoTracking().Where(m => m.BlogId == blog.Id).OrderBy(m => m.Position).ThenBy(m => m.Id)
            .Select(m => new { m.Label, m.Kind, m.Target }).ToListAsync(cancellationToken);
        var root = addresses.Root(blog.Handle);
        links = items.Select(m => new MenuLink(m.Label, m.Kind == MenuItemKind.Address ? m.Target : root + m.Target)).ToList();
        cache.Set(key, links, new MemoryCacheEntryOptions { Size = 1 + links.Count, AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(5) });
        return links;
    }
}
