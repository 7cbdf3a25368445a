using System.Linq.Expressions;
using Qalam.Localization;

namespace Qalam.Blogs;

// What every public page needs to know about the blog it belongs to.
public sealed record BlogView(
    int Id,
    string Handle,
    string Title,
    string Description,
    string Language,
    string TimeZoneId,
    BlogCalendar Calendar,
    CommentPolicy CommentPolicy,
    int? CloseCommentsAfterDays,
    BlogLook Look)
{
    public static readonly Expression<Func<Blog, BlogView>> FromBlog = b =>
        new BlogView(b.Id, b.Handle, b.Title, b.Description, b.Language, b.TimeZoneId, b.Calendar, b.CommentPolicy, b.CloseCommentsAfterDays,
            new BlogLook(b.Theme, b.ColorScheme, b.CustomCssHash, b.HeaderImagePath, b.HeaderImageWidth, b.HeaderImageHeight, b.LogoPath, b.FaviconPath));

    private static readonly Func<Blog, BlogView> FromLoadedBlog = FromBlog.Compile();

    public static BlogView Of(Blog blog) => FromLoadedBlog(blog);

    public string Direction => Languages.DirectionOf(Language);

    public TimeZoneInfo TimeZone => TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);

    // The blog's calendar day at an instant: visits and archives are counted per local day, not per UTC day.
    public DateOnly DayAt(DateTime utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(utc, TimeZone));
}
