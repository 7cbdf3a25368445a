using Qalam.Blogs;
using Qalam.Localization;

namespace Qalam.Admin;

// Dates in the admin area: the person's language (Jalali for Persian), the blog's time zone when there is one.
public static class AdminFormat
{
    public static string Date(DateTime utc, UiText text, BlogView? blog = null, bool withTime = true) =>
        BlogDates.Format(utc, blog?.TimeZone ?? TimeZoneInfo.Utc,
            text.Language == Languages.Persian ? BlogCalendar.Persian : BlogCalendar.Gregorian, text.Language, withTime);
}
