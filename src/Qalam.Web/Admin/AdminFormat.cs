using Qalam.Blogs;
using Qalam.Localization;

namespace Qalam.Admin;

// Dates in the admin area: the blog's calendar and time zone when there is a blog (its Jalali dates are Jalali in the
// English admin too), otherwise the person's (Jalali for Persian); always in the person's language and digits.
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
            CalendarOf(blog?.Calendar, text), text.Language, withTime);

    // A calendar day already in the blog's time zone (the statistics' days): its calendar, no zone conversion.
    public static string Day(DateOnly day, UiText text, BlogCalendar? calendar = null) =>
        BlogDates.Format(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), TimeZoneInfo.Utc,
            CalendarOf(calendar, text), text.Language);

    private static BlogCalendar CalendarOf(BlogCalendar? blogs, UiText text) =>
        blogs ?? (text.Language == Languages.Persian ? BlogCalendar.Persian : BlogCalendar.Gregorian);
}
