using Qalam.Accounts;

namespace Qalam.Tests.Visits;

public sealed class StatsTests
{
    [Fact]
    public async Task Owners_see_visits_per_day_top_posts_and_referring_hosts_and_authors_do_not()
    {
        await using var database = await TestDatabase.CreateAsync();
        string handle;
        int popular;
        string ownerToken, authorToken;
        await using (var app = new QalamApp(database))
        {
            var blog = await app.Seed.BlogAsync("en");
            handle = blog.Handle;
            var owner = await app.Seed.UserAsync();
            var author = await app.Seed.UserAsync();
            await app.Seed.GrantAsync(blog, owner, BlogRole.Owner);
            await app.Seed.GrantAsync(blog, author, BlogRole.Author);
            (ownerToken, authorToken) = (await app.Seed.TokenAsync(owner), await app.Seed.TokenAsync(author));
            var first = await app.Seed.PostAsync(blog, "Popular");
            var second = await app.Seed.PostAsync(blog, "Quiet");
            popular = first.Id;
            for (var i = 0; i < 5; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, Seed.PathOf(blog, first));
                request.Headers.Referrer = new Uri(i < 3 ? $"https://news.example.org/item?id={i}" : "http://localhost/elsewhere");
                (await app.Reader(Browsers.Distinct(i)).SendAsync(request)).Dispose();
            }
            (await app.Reader(Browsers.Distinct(9)).GetAsync(Seed.PathOf(blog, second))).Dispose();
        }

        await using var restarted = new QalamApp(database);
        var stats = await (await restarted.Reader().WithToken(ownerToken).GetAsync($"/api/v1/blogs/{handle}/stats?days=30"))
            .JsonAsync(HttpStatusCode.OK);
        var denied = await restarted.Reader().WithToken(authorToken).GetAsync($"/api/v1/blogs/{handle}/stats");
        var badPeriod = await restarted.Reader().WithToken(ownerToken).GetAsync($"/api/v1/blogs/{handle}/stats?days=7");

        Assert.Equal(6, stats.GetProperty("total").GetInt64());
        Assert.Equal(30, stats.GetProperty("perDay").GetArrayLength());
        Assert.Equal(6, stats.GetProperty("perDay")[29].GetProperty("visits").GetInt64());
        Assert.Equal(popular, stats.GetProperty("topPosts")[0].GetProperty("id").GetInt32());
        Assert.Equal(5, stats.GetProperty("topPosts")[0].GetProperty("visits").GetInt64());
        var referrers = stats.GetProperty("topReferrers");
        Assert.Equal(1, referrers.GetArrayLength());
        Assert.Equal("news.example.org", referrers[0].GetProperty("host").GetString());
        Assert.Equal(3, referrers[0].GetProperty("visits").GetInt64());
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badPeriod.StatusCode);
    }

    [Fact]
    public async Task The_chart_has_a_scale_and_dates_in_the_persons_calendar_and_one_visit_draws_a_small_bar()
    {
        await using var app = new QalamApp(await TestDatabase.CreateAsync());
        var blog = await app.Seed.BlogAsync("fa");
        var post = await app.Seed.PostAsync(blog, "یک بازدید");
        var owner = await app.Seed.UserAsync(language: "fa");
        await app.Seed.GrantAsync(blog, owner, BlogRole.Owner);
        (await app.Reader(Browsers.Distinct(1)).GetAsync(Seed.PathOf(blog, post))).Dispose();
        await Task.Delay(1500);

        var page = await (await app.SignedInAsync(owner)).GetPageAsync($"/admin/{blog.Handle}/stats");

        var frame = page.QuerySelector(".chart-frame")!;
        Assert.Equal(["۵", "۰"], frame.QuerySelectorAll(".chart-scale span").Select(s => s.Text()));
        var today = Qalam.Admin.AdminFormat.Date(app.Time.GetUtcNow().UtcDateTime, Qalam.Localization.UiText.For("fa"), withTime: false);
        Assert.Equal(3, frame.QuerySelectorAll(".chart-dates span").Length);
        Assert.Equal(today, frame.QuerySelectorAll(".chart-dates span")[^1].Text());
        var heights = frame.QuerySelectorAll("svg.chart rect").Select(r => double.Parse(r.GetAttribute("height")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(20, heights.Max());
    }
}
