namespace Qalam.Tests.Reading;

// The install's front page: the newest posts across public blogs, and blogs found by name and language.
public sealed class FrontPageTests : WithOwnApp
{
    [Fact]
    public async Task New_posts_of_every_public_blog_are_listed_and_hidden_ones_are_not()
    {
        var now = App.Time.GetUtcNow().UtcDateTime;
        var persian = await App.Seed.BlogAsync("fa", title: "دفتر شعر");
        var english = await App.Seed.BlogAsync("en", title: "Garden notes");
        var suspended = await App.Seed.BlogAsync("en", title: "Gone quiet");
        await App.Seed.PostAsync(persian, "غزلی تازه", publishedAt: now.AddHours(-1));
        await App.Seed.PostAsync(english, "Garlic in November", publishedAt: now.AddHours(-2));
        await App.Seed.PostAsync(english, "Tomorrow's post", publishedAt: now.AddDays(1));
        await App.Seed.PostAsync(english, "A draft", draft: true);
        await App.Seed.PostAsync(suspended, "Should not show", publishedAt: now.AddMinutes(-5));
        await App.Seed.UpdateBlogAsync(suspended, b => b.Suspend("Spam", now));

        var home = await App.Reader().GetPageAsync("/?culture=fa&ui-culture=fa");

        Assert.Equal(["غزلی تازه", "Garlic in November"], home.QuerySelectorAll(".recent-posts li > a").Select(a => a.Text()));
        Assert.Equal("rtl", home.QuerySelector(".recent-posts li > a")!.GetAttribute("dir"));
        Assert.Equal(["دفتر شعر", "Garden notes"], home.QuerySelectorAll(".blog-list h3 a").Select(a => a.Text()));
        Assert.Equal("تازه‌های این سایت", home.QuerySelector("#recent-heading").Text());
    }

    [Fact]
    public async Task The_front_page_says_what_the_service_is_and_offers_a_blog_only_when_sign_up_is_open()
    {
        var closed = await App.Reader().GetPageAsync("/?culture=en&ui-culture=en");
        Assert.Equal("Qalam: blogs in Persian and English", closed.QuerySelector("h1#front-heading").Text());
        Assert.Equal(["/admin/signin"], closed.QuerySelectorAll(".front-actions a").Select(a => a.GetAttribute("href")));

        await using var mail = TestMailServer.Start();
        var settings = mail.Settings;
        settings["Signup:Mode"] = "Open";
        await using var open = new QalamApp(await TestDatabase.CreateAsync(), settings: settings);
        var persian = await open.Reader().GetPageAsync("/?culture=fa&ui-culture=fa");
        Assert.Equal(["/signup", "/admin/signin"], persian.QuerySelectorAll(".front-actions a").Select(a => a.GetAttribute("href")));
        Assert.Equal("وبلاگ خود را بسازید", persian.QuerySelector(".front-actions a.action").Text());
        Assert.Single(persian.QuerySelectorAll("h1"));

        var owner = await open.Seed.UserAsync();
        var signedIn = await (await open.SignedInAsync(owner)).GetPageAsync("/");
        Assert.Equal(["/signup", "/admin"], signedIn.QuerySelectorAll(".front-actions a").Select(a => a.GetAttribute("href")));
        await open.Database.DisposeAsync();
    }

    [Fact]
    public async Task Readers_find_blogs_by_name_and_language_page_by_page()
    {
        for (var i = 0; i < Qalam.Reading.SiteDirectory.PageSize + 2; i++)
        {
            await App.Seed.BlogAsync("en", title: $"Walking club {i}");
        }
        var persian = await App.Seed.BlogAsync("fa", title: "باشگاه پیاده‌روی");
        var reader = App.Reader();

        var first = await reader.GetPageAsync("/?q=walking&lang=en");
        var second = await reader.GetPageAsync(first.QuerySelector(".pager a[rel=next]")!.GetAttribute("href")!);
        var farsi = await reader.GetPageAsync($"/?q={Uri.EscapeDataString("پیاده‌روی")}");
        var none = await reader.GetPageAsync("/?q=nothing-like-this");
        var byHandle = await reader.GetPageAsync($"/?q={persian.Handle.ToUpperInvariant()}&lang=fa");

        Assert.Equal(Qalam.Reading.SiteDirectory.PageSize, first.QuerySelectorAll(".blog-list li").Length);
        Assert.Equal(2, second.QuerySelectorAll(".blog-list li").Length);
        Assert.Empty(first.QuerySelectorAll(".recent"));
        Assert.Equal("noindex", first.QuerySelector("meta[name=robots]")?.GetAttribute("content")?.Split(',')[0]);
        Assert.Equal(["باشگاه پیاده‌روی"], farsi.QuerySelectorAll(".blog-list h3 a").Select(a => a.Text()));
        Assert.Equal(["باشگاه پیاده‌روی"], byHandle.QuerySelectorAll(".blog-list h3 a").Select(a => a.Text()));
        Assert.Equal("No blog matches.", none.QuerySelector(".blogs p").Text());
    }
}
