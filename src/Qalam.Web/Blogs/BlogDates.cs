using System.Globalization;
using Qalam.Localization;

namespace Qalam.Blogs;

// A date as the blog's readers expect it: the blog's calendar, time zone and language.
public static class BlogDates
{
    private static readonly PersianCalendar Persian = new();

    private static readonly string[] PersianMonthsInPersian =
        ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"];

    private static readonly string[] PersianMonthsInEnglish =
        ["Farvardin", "Ordibehesht", "Khordad", "Tir", "Mordad", "Shahrivar", "Mehr", "Aban", "Azar", "Dey", "Bahman", "Esfand"];

    private static readonly string[] GregorianMonthsInPersian =
        ["ژانویه", "فوریه", "مارس", "آوریل", "مه", "ژوئن", "ژوئیه", "اوت", "سپتامبر", "اکتبر", "نوامبر", "دسامبر"];

    private static readonly string[] GregorianMonthsInEnglish =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    public static string Format(DateTime utc, BlogView blog) => Format(utc, blog.TimeZone, blog.Calendar, blog.Language);

    public static string Format(DateTime utc, TimeZoneInfo zone, BlogCalendar calendar, string language, bool withTime = false)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(utc, zone);
        var (day, month, year, months) = calendar == BlogCalendar.Persian
            ? (Persian.GetDayOfMonth(local), Persian.GetMonth(local), Persian.GetYear(local),
                language == Languages.Persian ? PersianMonthsInPersian : PersianMonthsInEnglish)
            : (local.Day, local.Month, local.Year,
                language == Languages.Persian ? GregorianMonthsInPersian : GregorianMonthsInEnglish);
        var text = $"{day} {months[month - 1]} {year}";
        if (withTime)
        {
            text += local.ToString(" HH:mm", CultureInfo.InvariantCulture);
        }
        return language == Languages.Persian ? Numerals.ToPersianDigits(text) : text;
    }

    // The value of <time datetime>: an ISO 8601 instant with the blog's offset, whatever the calendar shown.
    public static string MachineReadable(DateTime utc, BlogView blog)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(utc, blog.TimeZone);
        var offset = blog.TimeZone.GetUtcOffset(utc);
        return new DateTimeOffset(local, offset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    }
}
