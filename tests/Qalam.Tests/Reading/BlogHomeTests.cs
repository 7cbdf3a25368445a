namespace Qalam.Tests.Reading;

[Collection(SharedAppCollection.Name)]
public sealed class BlogHomeTests(SharedApp shared)
{
    private readonly QalamApp _app = shared.App;

    [Fact]
    public async Task Home_page_lists_newest_first_ten_to_a_page_with_links_between_pages()
    {
        var blog = await _app.Seed.BlogAsync("fa");
        var now = _app.Time.GetUtcNow().UtcDateTime;
        for (var i = 1; i <= 12; i++)
        {
            await _app.Seed.PostAsync(blog, $"مطلب {i}", "چکیده " + i, publishedAt: now.AddDays(-20 + i));
        }

        var first = await _app.Reader().GetPageAsync($"/{blog.Handle}");
        var titles = first.QuerySelectorAll("article.summary h2").Select(h => h.Text()).ToList();
        Assert.Equal(10, titles.Count);
        Assert.Equal("مطلب 12", titles[0]);
        Assert.Equal("صفحه ۱ از ۲", first.QuerySelector(".pager span").Text());
        var next = first.QuerySelector(".pager a[rel=next]")!.GetAttribute("href");
        Assert.Equal($"/{blog.Handle}/page/2", next);

        var second = await _app.Reader().GetPageAsync(next!);
        Assert.Equal(["مطلب 2", "مطلب 1"], second.QuerySelectorAll("article.summary h2").Select(h => h.Text()));
        Assert.Equal("مطالب جدیدتر", second.QuerySelector(".pager a[rel=prev]").Text());
        await _app.Reader().GetPageAsync($"/{blog.Handle}/page/3", HttpStatusCode.NotFound);
        await _app.Reader().GetPageAsync($"/{blog.Handle}/page/0", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Empty_blog_says_nothing_is_published_yet_in_its_language()
    {
        var blog = await _app.Seed.BlogAsync("en");
        var page = await _app.Reader().GetPageAsync($"/{blog.Handle}");
        Assert.Equal("Nothing has been published here yet.", page.QuerySelector("main p").Text());
    }

    [Fact]
    public async Task The_home_is_served_again_from_the_output_cache_until_something_changes_and_never_to_a_signed_in_writer()
    {
        var blog = await _app.Seed.BlogAsync("en");
        await _app.Seed.PostAsync(blog, "First of many");
        var reader = _app.Reader();
        using (var first = await reader.GetAsync($"/{blog.Handle}"))
        {
            Assert.Null(first.Headers.Age);
        }
        // The cache is keyed by this node's content version, which any save moves: the other tests sharing this app
        // (and the background similar-posts ranking of the post just saved) may move it between two requests, and
        // then the second is rendered afresh, as it should be. Some pair of requests in a row must find it kept: tried
        // for up to fifteen seconds (ten tries in a row once all missed, in 0.2 s, while background work saved).
        var kept = false;
        for (var deadline = DateTime.UtcNow.AddSeconds(15); !kept && DateTime.UtcNow < deadline; await Task.Delay(50))
        {
            using var again = await reader.GetAsync($"/{blog.Handle}");
            kept = again.Headers.Age is not null;
        }
        Assert.True(kept, "the blog home was never served from the output cache");

        // Saved on this node: the next reader sees it at once.
        await _app.Seed.PostAsync(blog, "Second thoughts");
        Assert.Contains("Second thoughts", (await reader.GetPageAsync($"/{blog.Handle}")).QuerySelector("main").Text(), StringComparison.Ordinal);

        var writer = await _app.Seed.UserAsync();
        await _app.Seed.GrantAsync(blog, writer, Qalam.Accounts.BlogRole.Author);
        var signedIn = await _app.SignedInAsync(writer);
        await signedIn.GetPageAsync($"/{blog.Handle}");
        using var fresh = await signedIn.GetAsync($"/{blog.Handle}");
        Assert.Null(fresh.Headers.Age);
    }
}
