using System.ComponentModel.DataAnnotations.Schema;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qalam.Blogs;
using Qalam.Localization;

namespace Qalam.Posts;

// Stored states. "Scheduled" is not stored: it is a published post whose time has not come (see EffectiveStatus),
// so a post goes live at its time on every node without a job flipping a flag.
public enum PostStatus
{
    Draft = 0,
    Published = 1,
}

public enum EffectivePostStatus
{
    Draft,
    Scheduled,
    Published,
}

[Table("posts")]
public sealed class Post
{
    public const int TitleMaxLength = 300;
    public const int SlugMaxLength = 200;

    private Post()
    {
    }

    public Post(int blogId, string slug, DateTime createdAt)
    {
        BlogId = blogId;
        Slug = slug;
        CreatedAt = createdAt;
        UpdatedAt = createdAt;
    }

    public int Id { get; private set; }
    public int BlogId { get; private set; }
    public Blog? Blog { get; private set; }

    // Null for posts that came without a person (sample content, imports); owners and editors manage those.
    public string? AuthorId { get; set; }

    public string Title { get; private set; } = "";
    public string Slug { get; private set; } = "";
    public string Language { get; private set; } = Languages.English;
    public string BodyMarkdown { get; private set; } = "";
    public string BodyHtml { get; private set; } = "";
    public string Excerpt { get; private set; } = "";
    public PostStatus Status { get; private set; }
    public DateTime? PublishedAt { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public long VisitCount { get; private set; }

    // Set while the post is in the trash: readers, lists, feeds, search and similar posts lose it (the query filter in
    // PostConfiguration), its address answers 410, and PostTrash purges it for good after the retention time.
    public DateTime? TrashedAt { get; private set; }

    // Whether the blog's email subscribers get the post when it goes live (the writer may publish quietly). Posts
    // older than the subscriptions feature say false, so none is mailed out of the blue.
    public bool MailToSubscribers { get; set; }

    // The featured image as Media resolved it (FeaturedImage); the columns are kept together by Feature.
    public int? FeaturedImageId { get; private set; }
    public string? FeaturedImagePath { get; private set; }
    public int FeaturedImageWidth { get; private set; }
    public int FeaturedImageHeight { get; private set; }
    public string? FeaturedImageAlt { get; private set; }
    public string? FeaturedImageSrcset { get; private set; }

    public FeaturedImage? FeaturedImage =>
        FeaturedImage.From(FeaturedImageId, FeaturedImagePath, FeaturedImageWidth, FeaturedImageHeight, FeaturedImageAlt, FeaturedImageSrcset);

    public void Feature(FeaturedImage? image)
    {
        FeaturedImageId = image?.MediaId;
        FeaturedImagePath = image?.Path;
        FeaturedImageWidth = image?.Width ?? 0;
        FeaturedImageHeight = image?.Height ?? 0;
        FeaturedImageAlt = image?.Alt;
        FeaturedImageSrcset = image?.Srcset;
    }

    // Shown first on the blog's home (WordPress's "sticky"); owners and editors decide (the caller checks).
    public bool Pinned { get; private set; }

    public void Pin(bool pinned) => Pinned = pinned;

    // Closed by the author for this post alone, whatever the blog's settings.
    public bool CommentsClosed { get; set; }
    public List<Tag> Tags { get; } = [];

    // The single definition of "a reader may see this post now", used by every page, list, feed, count and the API:
    // VisibleAt in queries, StatusAt (and IsVisibleAt through it) in memory. The two say the same and nothing else
    // spells the rule out again.
    public static Expression<Func<Post, bool>> VisibleAt(DateTime now) =>
        p => p.Status == PostStatus.Published && p.PublishedAt <= now;

    // The query form of EffectiveStatus: the posts in one status at an instant.
    public static Expression<Func<Post, bool>> InStatus(EffectivePostStatus status, DateTime now) => status switch
    {
        EffectivePostStatus.Draft => p => p.Status == PostStatus.Draft,
        EffectivePostStatus.Scheduled => p => p.Status == PostStatus.Published && p.PublishedAt > now,
        _ => VisibleAt(now),
    };

    public bool IsVisibleAt(DateTime now) => EffectiveStatus(now) == EffectivePostStatus.Published;

    public EffectivePostStatus EffectiveStatus(DateTime now) => StatusAt(Status, PublishedAt, now);

    public static EffectivePostStatus StatusAt(PostStatus status, DateTime? publishedAt, DateTime now) => status switch
    {
        PostStatus.Draft => EffectivePostStatus.Draft,
        _ when publishedAt <= now => EffectivePostStatus.Published,
        _ => EffectivePostStatus.Scheduled,
    };

    public void Write(string title, string markdown, string language, MarkdownRenderer renderer, DateTime now)
    {
        Title = title.Trim();
        Language = Languages.Normalize(language);
        BodyMarkdown = markdown;
        var rendered = renderer.Render(markdown);
        BodyHtml = rendered.Html;
        Excerpt = rendered.Excerpt;
        UpdatedAt = now;
    }

    // The rendered body with what the renderer cannot know added (IPostImages: the images' sizes and copies).
    public void Decorated(string html) => BodyHtml = html;

    public void PublishAt(DateTime at)
    {
        Status = PostStatus.Published;
        PublishedAt = at;
    }

    public void Unpublish() => Status = PostStatus.Draft;

    public void Trash(DateTime now) => TrashedAt = now;

    // Restoring counts as a change, so the search index (which reads posts changed since its watermark) takes it back.
    public void Restore(DateTime now)
    {
        TrashedAt = null;
        UpdatedAt = now;
    }

    // The caller keeps the old slug answering (PostSlugRedirect) when the post has been public.
    public void ChangeSlug(string slug) => Slug = slug;
}

public sealed class PostConfiguration : IEntityTypeConfiguration<Post>
{
    public void Configure(EntityTypeBuilder<Post> builder)
    {
        builder.Property(p => p.Title).HasMaxLength(Post.TitleMaxLength);
        builder.Property(p => p.Slug).HasMaxLength(Post.SlugMaxLength);
        builder.Property(p => p.Language).HasMaxLength(8);
        builder.Property(p => p.Excerpt).HasMaxLength(1000);
        builder.Property(p => p.FeaturedImagePath).HasMaxLength(300);
        builder.Property(p => p.FeaturedImageAlt).HasMaxLength(300);
        builder.Property(p => p.FeaturedImageSrcset).HasMaxLength(1000);
        builder.Ignore(p => p.FeaturedImage);
        builder.HasOne<Storage.QalamUser>().WithMany().HasForeignKey(p => p.AuthorId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(p => new { p.BlogId, p.Slug }).IsUnique();
        builder.HasIndex(p => new { p.BlogId, p.Status, p.PublishedAt });
        // The install's front page reads the newest posts across all blogs.
        builder.HasIndex(p => new { p.Status, p.PublishedAt });
        builder.HasOne(p => p.Blog).WithMany().HasForeignKey(p => p.BlogId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Tags).WithMany().UsingEntity("post_tags");
        // Trashed posts are invisible to every query but those that ask for them (PostTrash, slug uniqueness, quotas,
        // the 410 answer) with IgnoreQueryFilters: no list, feed, count or search can forget the rule.
        builder.HasQueryFilter(p => p.TrashedAt == null);
        builder.HasIndex(p => new { p.BlogId, p.TrashedAt });
        // Every node's search index reads the posts changed since its last look, after every save on any node.
        builder.HasIndex(p => p.UpdatedAt);
    }
}
