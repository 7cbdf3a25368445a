using Microsoft.Extensions.Time.Testing;

namespace Qalam.Tests.Visits;

[Collection(SharedAppCollection.Name)]
public sealed class VisitCountTests(SharedApp shared)
{
    private readonly QalamApp _app = shared.App;

    private static async Task<string> VisitsShownAsync(HttpClient reader, string path) =>
        (await reader.GetPageAsync(path)).QuerySelector(".visits").Text();

    [Fact]
    public async Task A_readers_first_view_counts_and_they_see_their_own_visit()
    {
        var blog = await _app.Seed.BlogAsync("en");
        var post = await _app.Seed.PostAsync(blog, "Counted");

        Assert.Equal("1 visit", await VisitsShownAsync(_app.Reader(), Seed.PathOf(blog, post)));
        Assert.Equal("2 visits", await VisitsShownAsync(_app.Reader(Browsers.Safari), Seed.PathOf(blog, post)));
    }

    [Fact]
    public async Task Reload_on_the_same_day_does_not_count_a_second_visit()
    {
        var blog = await _app.Seed.BlogAsync("en");
        var post = await _app.Seed.PostAsync(blog, "Reloaded");
        var reader = _app.Reader();

        await VisitsShownAsync(reader, Seed.PathOf(blog, post));
        await VisitsShownAsync(_app.Reader(), Seed.PathOf(blog, post));

        Assert.Equal("1 visit", await VisitsShownAsync(reader, Seed.PathOf(blog, post)));
    }

    [Fact]
    public async Task Crawlers_HEAD_requests_and_prefetches_do_not_count()
    {
        var blog = await _app.Seed.BlogAsync("en");
        var post = await _app.Seed.PostAsync(blog, "Crawled");
        var path = Seed.PathOf(blog, post);

        await VisitsShownAsync(_app.Reader(Browsers.Googlebot), path);
        await VisitsShownAsync(_app.Reader("facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)"), path);
        await VisitsShownAsync(_app.Reader("curl/8.5.0"), path);
        using (var head = new HttpRequestMessage(HttpMethod.Head, path))
        {
            (await _app.Reader(Browsers.Distinct(1)).SendAsync(head)).Dispose();
        }
        using (var prefetch = new HttpRequestMessage(HttpMethod.Get, path))
        {
            prefetch.Headers.Add("Sec-Purpose", "prefetch");
            (await _app.Reader(Browsers.Distinct(2)).SendAsync(prefetch)).Dispose();
        }

        Assert.Equal("1 visit", await VisitsShownAsync(_app.Reader(Browsers.Distinct(3)), path));
    }

    [Fact]
    public async Task Persian_blog_shows_visits_with_Persian_digits()
    {
        var blog = await _app.Seed.BlogAsync("fa");
        var post = await _app.Seed.PostAsync(blog, "شمارش");
        for (var i = 0; i < 6; i++)
        {
            await VisitsShownAsync(_app.Reader(Browsers.Distinct(i)), Seed.PathOf(blog, post));
        }
        Assert.Equal("۷ بازدید", await VisitsShownAsync(_app.Reader(Browsers.Distinct(6)), Seed.PathOf(blog, post)));
    }

    [Fact]
    public async Task Concurrent_distinct_readers_are_each_counted_exactly_once()
    {
        var blog = await _app.Seed.BlogAsync("en");
        var post = await _app.Seed.PostAsync(blog, "Busy");
        var path = Seed.PathOf(blog, post);

        await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            using var response = await _app.Reader(Browsers.Distinct(i)).GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }));
        await Task.WhenAll(Enumerable.Range(0, 40).Select(async i => (await _app.Reader(Browsers.Distinct(i)).GetAsync(path)).Dispose()));

        Assert.Equal("41 visits", await VisitsShownAsync(_app.Reader(Browsers.Safari), path));
    }
}

// These tests move the clock or restart the app, so each has an app and database of its own.
public sealed class VisitDayAndRestartTests
{
    [Fact]
    public async Task The_same_reader_counts_again_after_midnight_in_the_blogs_time_zone()
    {
        await using var database = await TestDatabase.CreateAsync();
        // 20:00 UTC is 23:30 in Tehran: half an hour before the Persian blog's day ends, hours before UTC's does.
        var time = new FakeTimeProvider(QalamApp.Start.AddHours(8));
        await using var app = new QalamApp(database, time: time);
        var blog = await app.Seed.BlogAsync("fa");
        var post = await app.Seed.PostAsync(blog, "نیمه‌شب");
        var path = Seed.PathOf(blog, post);

        await app.Reader().GetPageAsync(path);
        time.Advance(TimeSpan.FromMinutes(20));
        var beforeMidnight = (await app.Reader().GetPageAsync(path)).QuerySelector(".visits").Text();
        time.Advance(TimeSpan.FromMinutes(20));
        var afterMidnight = (await app.Reader().GetPageAsync(path)).QuerySelector(".visits").Text();

        Assert.Equal("۱ بازدید", beforeMidnight);
        Assert.Equal("۲ بازدید", afterMidnight);
    }

    [Fact]
    public async Task Visits_survive_a_restart_of_the_server()
    {
        await using var database = await TestDatabase.CreateAsync();
        string path;
        await using (var first = new QalamApp(database))
        {
            var blog = await first.Seed.BlogAsync("en");
            var post = await first.Seed.PostAsync(blog, "Kept");
            path = Seed.PathOf(blog, post);
            await first.Reader(Browsers.Distinct(1)).GetPageAsync(path);
            await first.Reader(Browsers.Distinct(2)).GetPageAsync(path);
        }

        await using var second = new QalamApp(database);
        Assert.Equal("3 visits", (await second.Reader(Browsers.Distinct(3)).GetPageAsync(path)).QuerySelector(".visits").Text());
    }
}
