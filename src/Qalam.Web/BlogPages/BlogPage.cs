using System.ComponentModel.DataAnnotations.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qalam.Blogs;
using Qalam.Localization;
using Qalam.Posts;
using Qalam.Storage;

namespace Qalam.BlogPages;

// A page of a blog ("About", "Contact"): never dated, never in the home list, feeds, similar posts or the archive;
// in the sitemap and the menu. Pages may sit under another page of the same blog (WordPress's hierarchy).
[Table("blog_pages")]
public sealed class BlogPage
{
    public const int MaxPerBlog = 500;

    public const int BodyMaxLength = 200_000;

    private BlogPage()
    {
    }

    public BlogPage(int blogId, string title, string slug, string language, string? authorId, DateTime now)
    {
        BlogId = blogId;
        Title = title;
        Slug = slug;
        Language = Languages.Normalize(language);
        AuthorId = authorId;
        CreatedAt = now;
        UpdatedAt = now;
    }

    public int Id { get; private set; }
    public int BlogId { get; private set; }
    public int? ParentId { get; set; }
    public string Title { get; set; } = "";
    public string Slug { get; private set; } = "";
    public string BodyMarkdown { get; private set; } = "";
    public string BodyHtml { get; private set; } = "";
    public string Language { get; private set; } = Languages.English;
    public bool Published { get; set; }

    // Place among its siblings in lists and the menu (WordPress's menu_order): smaller first, then by title.
    public int Order { get; set; }
    public string? AuthorId { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    public void Write(string markdown, string html, string language, DateTime now)
    {
        BodyMarkdown = markdown;
        BodyHtml = html;
        Language = Languages.Normalize(language);
        UpdatedAt = now;
    }

    public void ChangeSlug(string slug) => Slug = slug;
}

// A slug a page answered to before it was renamed: a permanent redirect to its new address. FromPost: the slug was a
// post's (/posts/{slug}) before the post became this page (WordPress pages imported as posts before pages existed).
[Table("blog_page_slug_redirects")]
public sealed class BlogPageSlugRedirect
{
    private BlogPageSlugRedirect()
    {
    }

    public BlogPageSlugRedirect(int blogId, string slug, int pageId, bool fromPost = false) =>
        (BlogId, Slug, PageId, FromPost) = (blogId, slug, pageId, fromPost);

    public int Id { get; private set; }
    public int BlogId { get; private set; }
    public string Slug { get; private set; } = "";
    public int PageId { get; private set; }
    public bool FromPost { get; private set; }
}

public sealed class BlogPageConfiguration : IEntityTypeConfiguration<BlogPage>, IEntityTypeConfiguration<BlogPageSlugRedirect>
{
    public void Configure(EntityTypeBuilder<BlogPage> builder)
    {
        builder.Property(p => p.Title).HasMaxLength(Post.TitleMaxLength);
        builder.Property(p => p.Slug).HasMaxLength(Post.SlugMaxLength);
        builder.Property(p => p.Language).HasMaxLength(8);
        builder.Property(p => p.BodyMarkdown).HasMaxLength(BlogPage.BodyMaxLength);
        builder.HasIndex(p => new { p.BlogId, p.Slug }).IsUnique();
        builder.HasIndex(p => new { p.BlogId, p.ParentId });
        builder.HasOne<Blog>().WithMany().HasForeignKey(p => p.BlogId).OnDelete(DeleteBehavior.Cascade);
        // BlogPageEditor moves children under their grandparent before a page goes; the database's own rule makes them
        // top-level pages should anything else delete one.
        builder.HasOne<BlogPage>().WithMany().HasForeignKey(p => p.ParentId).OnDelete(DeleteBehavior.SetNull);
        // A menu link to a page goes with the page.
        builder.HasMany<BlogMenuItem>().WithOne().HasForeignKey(m => m.PageId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<BlogPageSlugRedirect> builder)
    {
        builder.Property(r => r.Slug).HasMaxLength(Post.SlugMaxLength);
        builder.HasIndex(r => new { r.BlogId, r.FromPost, r.Slug }).IsUnique();
        builder.HasOne<Blog>().WithMany().HasForeignKey(r => r.BlogId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<BlogPage>().WithMany().HasForeignKey(r => r.PageId).OnDelete(DeleteBehavior.Cascade);
    }
}

public static class BlogPageTables
{
    extension(QalamDb db)
    {
        public DbSet<BlogPage> BlogPages => db.Set<BlogPage>();
        public DbSet<BlogPageSlugRedirect> BlogPageSlugRedirects => db.Set<BlogPageSlugRedirect>();
    }
}
