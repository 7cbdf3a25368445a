using Qalam.Blogs;
using Qalam.Localization;

namespace Qalam.Admin;

// Dates in the admin area: the person's language (Jalali for Persian), the blog's time zone when there is one.
public static class AdminFormat
{
    // Why a comment was held, as the moderation queue and the operator's spam page show it.
    public static string Reason(Comments.CommentReason reason, UiText text) => reason switch
    {
        { Code: Comments.CommentReason.Links, Detail: var count } when int.TryParse(count, out var n) => text.Counted("Admin.Reason.Links", n),
        { Detail: null } => text["Admin.Reason." + reason.Code],
        _ => text["Admin.Reason." + reason.Code, int.TryParse(reason.Detail, out var number) ? text.Number(number) : reason.Detail],
    };

    public static string Date(DateTime utc, UiText text, BlogView? blog = null, bool withTime = true) =>
        BlogDates.Format(utc, blog?.TimeZone ?? TimeZoneInfo.Utc,
            text.Language == Languages.Persian ? BlogCalendar.Persian : BlogCalendar.Gregorian, text.Language, withTime);
}
