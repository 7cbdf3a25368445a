namespace Qalam.Tests.Reading;

// The archive counts a blog's public posts by month of its own calendar, on its own wall clock: a Persian blog by
// Jalali month in Tehran time, with Persian month names and digits; an English blog by Gregorian month.
[Collection(SharedAppCollection.Name)]
public sealed class ArchiveTests(SharedApp shared)
{
    private readonly QalamApp _app = shared.App;

    [Fact]
    public async Task A_Persian_blogs_archive_counts_Jalali_months_in_Tehran_time_and_each_month_lists_its_posts()
    {
        var blog = await _app.Seed.BlogAsync("fa");
        // 20:00 UTC on 20 March 2026 is 23:30 in Tehran, the last day of Esfand 1404; 21:00 UTC is already 1 Farvardin 1405.
        await _app.Seed.PostAsync(blog, "پایان سال", publishedAt: new DateTime(2026, 3, 20, 20, 0, 0, DateTimeKind.Utc));
        await _app.Seed.PostAsync(blog, "نوروز", publishedAt: new DateTime(2026, 3, 20, 21, 0, 0, DateTimeKind.Utc));
        await _app.Seed.PostAsync(blog, "یلدا نزدیک است", publishedAt: new DateTime(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc));
        await _app.Seed.PostAsync(blog, "آذر دوم", publishedAt: new DateTime(2026, 12, 2, 10, 0, 0, DateTimeKind.Utc));
        await _app.Seed.PostAsync(blog, "پیش‌نویس", draft: true);
        await _app.Seed.PostAsync(blog, "آینده", publishedAt: _app.Time.GetUtcNow().UtcDateTime.AddDays(3));

        var archive = await _app.Reader().GetPageAsync($"/{blog.Handle}/archive");

        Assert.Equal(["۱۴۰۵ (۳ نوشته)", "۱۴۰۴ (۱ نوشته)"], archive.QuerySelectorAll(".archive h2").Select(h => h.Text()));
        var months = archive.QuerySelectorAll(".archive li").Select(li => (li.QuerySelector("a").Text(), li.QuerySelector("a")!.GetAttribute("href"), li.QuerySelector(".count").Text())).ToList();
        Assert.Equal(
        [
            ("آذر ۱۴۰۵", $"/{blog.Handle}/archive/1405/09", "۲ نوشته"),
            ("فروردین ۱۴۰۵", $"/{blog.Handle}/archive/1405/01", "۱ نوشته"),
            ("اسفند ۱۴۰۴", $"/{blog.Handle}/archive/1404/12", "۱ نوشته"),
        ], months);
        Assert.Equal($"/{blog.Handle}/archive", (await _app.Reader().GetPageAsync($"/{blog.Handle}")).QuerySelector(".blog-heading a.archive-link")!.GetAttribute("href"));

        var farvardin = await _app.Reader().GetPageAsync($"/{blog.Handle}/archive/1405/01");
        Assert.Equal("نوشته‌های فروردین ۱۴۰۵", farvardin.QuerySelector("h1").Text());
        Assert.Equal(["نوروز"], farvardin.QuerySelectorAll("article.summary h2").Select(h => h.Text()));
        var azar = await _app.Reader().GetPageAsync($"/{blog.Handle}/archive/1405/9");
        Assert.Equal(["آذر دوم", "یلدا نزدیک است"], azar.QuerySelectorAll("article.summary h2").Select(h => h.Text()));
        await _app.Reader().GetPageAsync($"/{blog.Handle}/archive/1405/13", HttpStatusCode.NotFound);
        await _app.Reader().GetPageAsync($"/{blog.Handle}/archive/1405/09/page/2", HttpStatusCode.NotFound);
        Assert.Empty((await _app.Reader().GetPageAsync($"/{blog.Handle}/archive/1405/10")).QuerySelectorAll("article.summary"));
    }

    [Fact]
    public async Task An_English_blogs_archive_counts_Gregorian_months_and_pages_a_long_month()
    {
        var blog = await _app.Seed.BlogAsync("en");
        for (var day = 1; day <= 12; day++)
        {
            await _app.Seed.PostAsync(blog, $"March {day}", publishedAt: new DateTime(2026, 3, day, 12, 0, 0, DateTimeKind.Utc));
        }
        await _app.Seed.PostAsync(blog, "New year", publishedAt: new DateTime(2025, 12, 31, 23, 30, 0, DateTimeKind.Utc));

        var archive = await _app.Reader().GetPageAsync($"/{blog.Handle}/archive");

        Assert.Equal(["2026 (12 posts)", "2025 (1 post)"], archive.QuerySelectorAll(".archive h2").Select(h => h.Text()));
        Assert.Equal(["March 2026", "December 2025"], archive.QuerySelectorAll(".archive li a").Select(a => a.Text()));
        var march = await _app.Reader().GetPageAsync($"/{blog.Handle}/archive/2026/03");
        Assert.Equal("Posts of March 2026", march.QuerySelector("h1").Text());
        Assert.Equal(10, march.QuerySelectorAll("article.summary").Length);
        var second = await _app.Reader().GetPageAsync(march.QuerySelector(".pager a[rel=next]")!.GetAttribute("href")!);
        Assert.Equal(["March 2", "March 1"], second.QuerySelectorAll("article.summary h2").Select(h => h.Text()));
        // Years a date cannot hold in the blog's zone are not there (year 1 east of Greenwich used to answer 500).
        await _app.Seed.UpdateBlogAsync(blog, b => b.TimeZoneId = "Asia/Tehran");
        await _app.Reader().GetPageAsync($"/{blog.Handle}/archive/1/01", HttpStatusCode.NotFound);
        await _app.Reader().GetPageAsync($"/{blog.Handle}/archive/99999/12", HttpStatusCode.NotFound);
    }
}
