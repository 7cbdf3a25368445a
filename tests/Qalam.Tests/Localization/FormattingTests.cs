using Qalam.Blogs;
using Qalam.Localization;

namespace Qalam.Tests.Localization;

public sealed class FormattingTests
{
    private static BlogView Blog(string language, BlogCalendar calendar, string zone) =>
        new(1, "b", "B", "", language, zone, calendar, CommentPolicy.Open, null, BlogLook.Plain);

    [Theory]
    [InlineData("fa", BlogCalendar.Persian, "۱۷ دی ۱۳۹۹")]
    [InlineData("en", BlogCalendar.Gregorian, "6 January 2021")]
    [InlineData("en", BlogCalendar.Persian, "17 Dey 1399")]
    [InlineData("fa", BlogCalendar.Gregorian, "۶ ژانویه ۲۰۲۱")]
    public void Dates_follow_the_blogs_calendar_and_language(string language, BlogCalendar calendar, string expected)
    {
        Assert.Equal(expected, BlogDates.Format(new DateTime(2021, 1, 6, 9, 0, 0, DateTimeKind.Utc), Blog(language, calendar, "Asia/Tehran")));
    }

    // The schedule field: written in the blog's calendar and the admin's digits, read back in either digits.
    [Theory]
    [InlineData("fa", "۱۳۹۹/۱۰/۱۸ ۰۰:۳۰")]
    [InlineData("en", "1399/10/18 00:30")]
    public void A_Jalali_blogs_date_field_round_trips_in_either_digits(string adminLanguage, string expected)
    {
        var blog = Blog("fa", BlogCalendar.Persian, "Asia/Tehran");
        var at = new DateTime(2021, 1, 6, 21, 0, 0, DateTimeKind.Utc);
        Assert.Equal(expected, BlogDates.InputValue(at, blog, adminLanguage));
        Assert.Equal(at, BlogDates.ParseInput(expected, blog));
        Assert.Equal(at, BlogDates.ParseInput("١٣٩٩/١٠/١٨ ٠٠:٣٠", blog));
        Assert.Equal(at, BlogDates.ParseInput("2021-01-07T00:30", blog));
    }

    [Theory]
    [InlineData("1404/12/30 10:00")]   // 1404 is not a leap year: Esfand has 29 days
    [InlineData("1404/13/01 10:00")]
    [InlineData("1404/01/01 24:00")]
    [InlineData("1404/01/01 10:60")]
    [InlineData("tomorrow")]
    [InlineData("")]
    public void A_date_that_does_not_exist_is_refused_not_guessed(string typed)
    {
        Assert.Null(BlogDates.ParseInput(typed, Blog("fa", BlogCalendar.Persian, "Asia/Tehran")));
    }

    [Fact]
    public void A_Gregorian_blogs_field_speaks_what_the_browsers_date_picker_speaks()
    {
        var blog = Blog("en", BlogCalendar.Gregorian, "Europe/London");
        var at = new DateTime(2026, 7, 1, 8, 15, 0, DateTimeKind.Utc);
        Assert.Equal("2026-07-01T09:15", BlogDates.InputValue(at, blog, "en"));
        Assert.Equal(at, BlogDates.ParseInput("2026-07-01T09:15", blog));
        Assert.Null(BlogDates.ParseInput("1405/04/10 09:15", blog));
        // The hour that does not exist when the clocks go forward.
        Assert.Null(BlogDates.ParseInput("2026-03-29T01:30", blog));
    }

    [Fact]
    public void Date_is_taken_in_the_blogs_time_zone_not_UTC()
    {
        var lateEvening = new DateTime(2021, 1, 6, 21, 0, 0, DateTimeKind.Utc);
        Assert.Equal("۱۸ دی ۱۳۹۹", BlogDates.Format(lateEvening, Blog("fa", BlogCalendar.Persian, "Asia/Tehran")));
        Assert.Equal("2021-01-07T00:30:00+03:30", BlogDates.MachineReadable(lateEvening, Blog("fa", BlogCalendar.Persian, "Asia/Tehran")));
    }

    [Theory]
    [InlineData("en", 0, "No comments yet")]
    [InlineData("en", 1, "1 comment")]
    [InlineData("en", 7, "7 comments")]
    [InlineData("en", 1234, "1,234 comments")]
    [InlineData("fa", 0, "بدون نظر")]
    [InlineData("fa", 7, "۷ نظر")]
    [InlineData("fa", 1234, "۱٬۲۳۴ نظر")]
    public void Comment_counts_are_pluralized_and_use_the_languages_digits(string language, long count, string expected)
    {
        Assert.Equal(expected, UiText.For(language).Counted("Comments", count));
    }

    [Theory]
    [InlineData("en", 0, "0 visits")]
    [InlineData("en", 1, "1 visit")]
    [InlineData("en", 7, "7 visits")]
    [InlineData("fa", 7, "۷ بازدید")]
    public void Visit_counts_are_pluralized(string language, long count, string expected)
    {
        Assert.Equal(expected, UiText.For(language).Counted("Visits", count));
    }

    [Fact]
    public void Every_English_interface_text_has_a_Persian_translation()
    {
        var english = System.Xml.Linq.XDocument.Load(Repo.Path("src", "Qalam.Web", "Localization", "UiStrings.resx"))
            .Descendants("data").Select(d => (string)d.Attribute("name")!).ToHashSet();
        var persian = System.Xml.Linq.XDocument.Load(Repo.Path("src", "Qalam.Web", "Localization", "UiStrings.fa.resx"))
            .Descendants("data").Select(d => (string)d.Attribute("name")!).ToHashSet();
        Assert.Equal(english.Order(), persian.Order());
    }
}
