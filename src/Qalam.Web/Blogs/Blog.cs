using System.ComponentModel.DataAnnotations.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qalam.Localization;

namespace Qalam.Blogs;

public enum BlogCalendar
{
    Gregorian = 0,
    Persian = 1,
}

public enum CommentPolicy
{
    Open = 0,
    HoldFirstTime = 1,
    HoldAll = 2,
    Closed = 3,
}

// Light or dark: the reader's system setting, or the owner's choice for everyone.
public enum ColorScheme
{
    Auto = 0,
    Light = 1,
    Dark = 2,
}

public enum CommentNotifications
{
    EachComment = 0,
    DailyDigest = 1,
    Off = 2,
}

[Table("blogs")]
public sealed class Blog
{
    public const int BlocklistMaxLength = 20000;

    public const int HandleMaxLength = 40;

    private Blog()
    {
    }

    public Blog(string handle, string title, string language, DateTime createdAt)
    {
        Handle = handle;
        Title = title;
        Language = Languages.Normalize(language);
        Calendar = Language == Languages.Persian ? BlogCalendar.Persian : BlogCalendar.Gregorian;
        TimeZoneId = Language == Languages.Persian ? "Asia/Tehran" : "UTC";
        CreatedAt = createdAt;
    }

    public int Id { get; private set; }
    public string Handle { get; private set; } = "";
    public string Title { get; set; } = "";
    public string Description { get; set; } = "";
    public string Language { get; private set; } = Languages.English;
    public string TimeZoneId { get; set; } = "UTC";
    public BlogCalendar Calendar { get; set; }
    public CommentPolicy CommentPolicy { get; set; } = CommentPolicy.HoldFirstTime;

    // Null: comments stay open. Otherwise a post stops taking comments this many days after it was published.
    public int? CloseCommentsAfterDays { get; set; }

    // A comment with more links than this is held.
    public int CommentMaxLinks { get; set; } = 2;

    // One entry per line: a word or phrase, an IP address or CIDR range, or an email domain written "@domain".
    public string CommentBlocklist { get; set; } = "";

    public CommentNotifications CommentNotifications { get; set; }
    public DateTime? LastCommentDigestAt { get; set; }

    // How many comments the learning filter was taught as spam and as good; changed by single atomic statements.
    public int SpamLessons { get; private set; }
    public int HamLessons { get; private set; }
    public DateTime CreatedAt { get; private set; }

    // Set by the operator: readers see the reason instead of the blog; owners keep their admin area (to export).
    public DateTime? SuspendedAt { get; private set; }
    public string? SuspensionReason { get; private set; }

    // A deleted blog is suspended first and removed for good at this time (BlogPurger), so a mistake can be undone.
    public DateTime? DeleteAfter { get; private set; }

    // True when the blog's own owner asked for the deletion (from its settings): they may take it back until then.
    // An operator's suspension or deletion is the operator's to undo.
    public bool DeletionByOwner { get; private set; }

    public const int ReasonMaxLength = 500;

    // Set by the operator for this blog; null means the install's default (BlogQuotas), which may be no limit.
    public int? PostQuota { get; set; }
    public long? MediaQuotaBytes { get; set; }

    // A blog made through sign-up stays hidden from readers until its owner confirms their email address, and,
    // where the operator approves new blogs, until they do.
    public bool AwaitingConfirmation { get; private set; }
    public bool AwaitingApproval { get; private set; }

    public void HideUntilConfirmed(bool needsApproval)
    {
        AwaitingConfirmation = true;
        AwaitingApproval = needsApproval;
    }

    public void Confirmed() => AwaitingConfirmation = false;

    public void Approve() => AwaitingApproval = false;

    // The one definition of "readers may see this blog", for lists of blogs and sitemaps (BlogSuspension answers
    // the blog's own addresses).
    public static readonly System.Linq.Expressions.Expression<Func<Blog, bool>> Public =
        b => b.SuspendedAt == null && !b.AwaitingConfirmation && !b.AwaitingApproval;

    private static readonly Func<Blog, bool> PublicNow = Public.Compile();

    public bool IsPublic => PublicNow(this);

    public void Suspend(string reason, DateTime at)
    {
        SuspendedAt = at;
        SuspensionReason = reason.Trim();
    }

    public void Resume()
    {
        SuspendedAt = null;
        SuspensionReason = null;
        DeleteAfter = null;
        DeletionByOwner = false;
    }

    public void DeleteByOwner(string reason, DateTime at, DateTime deleteAfter)
    {
        ScheduleDeletion(reason, at, deleteAfter);
        DeletionByOwner = true;
    }

    public void ScheduleDeletion(string reason, DateTime at, DateTime deleteAfter)
    {
        Suspend(reason, at);
        DeleteAfter = deleteAfter;
        DeletionByOwner = false;
    }

    public void ChangeLanguage(string language) => Language = Languages.Normalize(language);

    // How the blog looks (Themes): one of BlogThemes.Names, light or dark, and the owner's style sheet as typed and
    // as served (filtered and written out again by CustomCss), named by a hash of what is served.
    public string Theme { get; set; } = BlogThemes.Default;
    public ColorScheme ColorScheme { get; set; }
    public string CustomCss { get; private set; } = "";
    public string CustomCssServed { get; private set; } = "";
    public string? CustomCssHash { get; private set; }

    public void SetCustomCss(string typed, string served, string? hash) =>
        (CustomCss, CustomCssServed, CustomCssHash) = (typed, served, hash);

    // Pictures chosen from the blog's media, kept as their addresses so that no reader query joins the media table;
    // Media clears them when the picture is deleted.
    public int? HeaderImageId { get; private set; }
    public string? HeaderImagePath { get; private set; }
    public int HeaderImageWidth { get; private set; }
    public int HeaderImageHeight { get; private set; }
    public int? LogoImageId { get; private set; }
    public string? LogoPath { get; private set; }
    public int? FaviconImageId { get; private set; }
    public string? FaviconPath { get; private set; }

    public void SetHeaderImage(int? id, string? path, int width, int height) =>
        (HeaderImageId, HeaderImagePath, HeaderImageWidth, HeaderImageHeight) = (id, id is null ? null : path, width, height);

    public void SetLogo(int? id, string? path) => (LogoImageId, LogoPath) = (id, id is null ? null : path);

    public void SetFavicon(int? id, string? path) => (FaviconImageId, FaviconPath) = (id, id is null ? null : path);
}

public sealed class BlogConfiguration : IEntityTypeConfiguration<Blog>
{
    public void Configure(EntityTypeBuilder<Blog> builder)
    {
        builder.Property(b => b.Handle).HasMaxLength(Blog.HandleMaxLength);
        builder.HasIndex(b => b.Handle).IsUnique();
        builder.Property(b => b.Title).HasMaxLength(200);
        builder.Property(b => b.Description).HasMaxLength(1000);
        builder.Property(b => b.Language).HasMaxLength(8);
        builder.Property(b => b.TimeZoneId).HasMaxLength(64);
        builder.Property(b => b.CommentBlocklist).HasMaxLength(Blog.BlocklistMaxLength);
        builder.Property(b => b.SuspensionReason).HasMaxLength(Blog.ReasonMaxLength);
        builder.HasIndex(b => b.DeleteAfter);
        builder.Property(b => b.Theme).HasMaxLength(BlogThemes.NameMaxLength).HasDefaultValue(BlogThemes.Default);
        builder.Property(b => b.CustomCss).HasMaxLength(BlogThemes.CustomCssMaxLength).HasDefaultValue("");
        builder.Property(b => b.CustomCssServed).HasDefaultValue("");
        builder.Property(b => b.CustomCssHash).HasMaxLength(16);
        builder.Property(b => b.HeaderImagePath).HasMaxLength(300);
        builder.Property(b => b.LogoPath).HasMaxLength(300);
        builder.Property(b => b.FaviconPath).HasMaxLength(300);
    }
}
