using System.Globalization;
using System.Text.RegularExpressions;
using Qalam.Localization;

namespace Qalam.Blogs;

// A date as the blog's readers expect it: the blog's calendar, time zone and language.
public static partial class BlogDates
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

    // A date and time field in the blog's calendar and wall clock: "1405/09/16 18:30" (Jalali) or
    // "2026-12-07T18:30" (what <input type="datetime-local"> speaks), in the given language's digits.
    public static string InputValue(DateTime utc, BlogView blog, string language)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(utc, blog.TimeZone);
        if (blog.Calendar != BlogCalendar.Persian)
        {
            return local.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
        }
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{Persian.GetYear(local):0000}/{Persian.GetMonth(local):00}/{Persian.GetDayOfMonth(local):00} {local:HH:mm}");
        return language == Languages.Persian ? Numerals.ToPersianDigits(text) : text;
    }

    // Reads what InputValue writes, in either digits, plus the ISO form whatever the calendar (a browser's own
    // picker, a script). Null when it is not a date and time that exists; the result is UTC.
    public static DateTime? ParseInput(string? value, BlogView blog)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        var text = Numerals.ToLatinDigits(value.Trim());
        DateTime local;
        if (DateTime.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm"],
                CultureInfo.InvariantCulture, DateTimeStyles.None, out var iso))
        {
            local = iso;
        }
        else if (blog.Calendar == BlogCalendar.Persian && JalaliInput().Match(text) is { Success: true } match)
        {
            int Part(int group) => match.Groups[group].Success ? int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
            var (year, month, day) = (Part(1), Part(2), Part(3));
            if (year < 1 || year > 9377 || month is < 1 or > 12 || day < 1 || day > Persian.GetDaysInMonth(year, month)
                || Part(4) > 23 || Part(5) > 59 || Part(6) > 59)
            {
                return null;
            }
            local = Persian.ToDateTime(year, month, day, Part(4), Part(5), Part(6), 0);
        }
        else
        {
            return null;
        }
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return blog.TimeZone.IsInvalidTime(unspecified) ? null : TimeZoneInfo.ConvertTimeToUtc(unspecified, blog.TimeZone);
    }

    [GeneratedRegex(@"^(\d{4})/(\d{1,2})/(\d{1,2})(?:[ T،,]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$")]
    private static partial Regex JalaliInput();

    // The month an instant falls in on the blog's calendar and wall clock (a Jalali month for a Persian-calendar blog).
    public static (int Year, int Month) MonthOf(DateTime utc, BlogView blog)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(utc, blog.TimeZone);
        return blog.Calendar == BlogCalendar.Persian ? (Persian.GetYear(local), Persian.GetMonth(local)) : (local.Year, local.Month);
    }

    // The instants [Start, End) of a month of the blog's calendar in its time zone, or null for a month that does not
    // exist.
    public static (DateTime Start, DateTime End)? MonthRange(int year, int month, BlogView blog)
    {
        // Years 100 to 9000 of either calendar: far from the ends of DateTime, where moving to UTC would overflow.
        if (month is < 1 or > 12 || year is < 100 or > 9000)
        {
            return null;
        }
        var (start, end) = blog.Calendar == BlogCalendar.Persian
            ? (Persian.ToDateTime(year, month, 1, 0, 0, 0, 0), month == 12 ? Persian.ToDateTime(year + 1, 1, 1, 0, 0, 0, 0) : Persian.ToDateTime(year, month + 1, 1, 0, 0, 0, 0))
            : (new DateTime(year, month, 1), new DateTime(year, month, 1).AddMonths(1));
        return (Utc(start, blog.TimeZone), Utc(end, blog.TimeZone));
    }

    // "آذر ۱۴۰۵", "December 2026": a month of the blog's calendar in the blog's language and digits.
    public static string MonthName(int year, int month, BlogView blog)
    {
        var months = blog.Calendar == BlogCalendar.Persian
            ? blog.Language == Languages.Persian ? PersianMonthsInPersian : PersianMonthsInEnglish
            : blog.Language == Languages.Persian ? GregorianMonthsInPersian : GregorianMonthsInEnglish;
        var text = string.Create(CultureInfo.InvariantCulture, $"{months[month - 1]} {year}");
        return blog.Language == Languages.Persian ? Numerals.ToPersianDigits(text) : text;
    }

    // A year number as a date shows it (no thousands separator), in the blog's digits.
    public static string YearName(int year, BlogView blog)
    {
        var text = year.ToString(CultureInfo.InvariantCulture);
        return blog.Language == Languages.Persian ? Numerals.ToPersianDigits(text) : text;
    }

    // Midnight that the clock skips (a daylight-saving change at 00:00) is the first instant after it.
    private static DateTime Utc(DateTime local, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(unspecified))
        {
            unspecified = unspecified.AddMinutes(30);
        }
        return TimeZoneInfo.ConvertTimeToUtc(unspecified, zone);
    }

    // The value of <time datetime>: an ISO 8601 instant with the blog's offset, whatever the calendar shown.
    public static string MachineReadable(DateTime utc, BlogView blog)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(utc, blog.TimeZone);
        var offset = blog.TimeZone.GetUtcOffset(utc);
        return new DateTimeOffset(local, offset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    }
}
