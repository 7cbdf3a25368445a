
namespace Qalam.Tests.Reading;

[Collection(SharedAppCollection.Name)]
public sealed class PostPageTests(SharedApp shared)
{
    private readonly QalamApp _app = shared.App;

    [Fact]
    public async Task Post_page_shows_title_blog_header_and_the_date_in_the_Jalali_calendar_with_Persian_digits()
    {
        var blog = await _app.Seed.BlogAsync("fa", title: "دفتر شعر");
        var post = await _app.Seed.PostAsync(blog, "درباره باران", "متن **نخست**.",
            publishedAt: new DateTime(2021, 1, 6, 12, 0, 0, DateTimeKind.Utc));

        var page = await _app.Reader().GetPageAsync(Seed.PathOf(blog, post));

        Assert.Equal("درباره باران", page.QuerySelector("article.post h1").Text());
        Assert.Equal("دفتر شعر", page.QuerySelector(".site-header .blog-title").Text());
        var time = page.QuerySelector("article.post .meta time")!;
        Assert.Equal("۱۷ دی ۱۳۹۹", time.Text());
        Assert.Equal("2021-01-06T15:30:00+03:30", time.GetAttribute("datetime"));
        Assert.Equal("<strong>نخست</strong>", page.QuerySelector(".post-body strong")!.OuterHtml);
    }

    [Fact]
    public async Task The_blogs_people_see_edit_this_post_when_they_may_and_readers_see_a_discreet_sign_in()
    {
        var blog = await _app.Seed.BlogAsync("fa");
        var writer = await _app.Seed.UserAsync();
        var otherAuthor = await _app.Seed.UserAsync();
        await _app.Seed.GrantAsync(blog, writer, Qalam.Accounts.BlogRole.Author);
        await _app.Seed.GrantAsync(blog, otherAuthor, Qalam.Accounts.BlogRole.Author);
        var post = await _app.Seed.PostByAsync(blog, writer, "نوشتهٔ من");

        var asWriter = await (await _app.SignedInAsync(writer)).GetPageAsync(Seed.PathOf(blog, post));
        Assert.Equal($"/admin/{blog.Handle}/posts/{post.Id}", asWriter.QuerySelector("a.edit-post")!.GetAttribute("href"));
        Assert.Equal("ویرایش این نوشته", asWriter.QuerySelector("a.edit-post").Text());
        Assert.Contains(asWriter.QuerySelectorAll(".site-footer a"), a => a.GetAttribute("href") == "/admin");

        var asOtherAuthor = await (await _app.SignedInAsync(otherAuthor)).GetPageAsync(Seed.PathOf(blog, post));
        Assert.Null(asOtherAuthor.QuerySelector("a.edit-post"));

        var asReader = await _app.Reader().GetPageAsync(Seed.PathOf(blog, post));
        Assert.Null(asReader.QuerySelector("a.edit-post"));
        Assert.Contains(asReader.QuerySelectorAll(".site-footer a"), a => a.GetAttribute("href") == "/admin/signin");
    }

    [Fact]
    public async Task English_blog_shows_a_Gregorian_date_with_English_month_names()
    {
        var blog = await _app.Seed.BlogAsync("en");
        var post = await _app.Seed.PostAsync(blog, "On rain", publishedAt: new DateTime(2021, 1, 6, 12, 0, 0, DateTimeKind.Utc));

        var page = await _app.Reader().GetPageAsync(Seed.PathOf(blog, post));

        var time = page.QuerySelector("article.post .meta time")!;
        Assert.Equal("6 January 2021", time.Text());
        Assert.Equal("2021-01-06T12:00:00+00:00", time.GetAttribute("datetime"));
        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("ltr", page.DocumentElement.GetAttribute("dir"));
    }

    [Fact]
    public async Task English_post_in_a_Persian_blog_is_marked_ltr_inside_an_rtl_page_with_Persian_chrome()
    {
        var blog = await _app.Seed.BlogAsync("fa");
        var post = await _app.Seed.PostAsync(blog, "Reading Hafez in English", "Some **English** text.", language: "en");

        var page = await _app.Reader().GetPageAsync(Seed.PathOf(blog, post));

        Assert.Equal("fa", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("rtl", page.DocumentElement.GetAttribute("dir"));
        var article = page.QuerySelector("article.post")!;
        Assert.Equal("en", article.GetAttribute("lang"));
        Assert.Equal("ltr", article.GetAttribute("dir"));
        var meta = article.QuerySelector(".meta")!;
        Assert.Equal("fa", meta.GetAttribute("lang"));
        Assert.Equal("rtl", meta.GetAttribute("dir"));
        Assert.Equal("نظری برای این مطلب ثبت نشده است.", page.QuerySelector(".no-comments").Text());
        Assert.Equal("ارسال نظر برای این مطلب", page.QuerySelector("#comment-form h3").Text());
    }

    [Fact]
    public async Task Script_in_a_post_body_is_removed_and_safe_markup_kept()
    {
        var blog = await _app.Seed.BlogAsync("en");
        var post = await _app.Seed.PostAsync(blog, "Tricky",
            "Hello <script>alert(1)</script> <img src=x onerror=alert(2)> [link](javascript:alert(3)) <a href=\"https://example.com\">ok</a>");

        using var response = await _app.Reader().GetAsync(Seed.PathOf(blog, post));
        var html = await response.Content.ReadAsStringAsync();

        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("onerror", html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:alert", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://example.com\"", html, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Body_headings_start_below_the_title_and_never_skip_a_level()
    {
        var blog = await _app.Seed.BlogAsync("en");
        var post = await _app.Seed.PostAsync(blog, "Headings", "### First\n\nText.\n\n##### Deeper\n\n# Top again\n\n###### Deepest");

        var page = await _app.Reader().GetPageAsync(Seed.PathOf(blog, post));

        Assert.Equal(["h1"], page.QuerySelectorAll("h1").Select(h => h.LocalName));
        Assert.Equal(["h2 First", "h3 Deeper", "h2 Top again", "h3 Deepest"],
            page.QuerySelectorAll(".post-body :is(h1, h2, h3, h4, h5, h6)").Select(h => $"{h.LocalName} {h.TextContent}"));
    }

    [Fact]
    public async Task Obsolete_elements_become_their_successors_and_a_cite_that_is_no_address_is_dropped()
    {
        var blog = await _app.Seed.BlogAsync("en");
        var post = await _app.Seed.PostAsync(blog, "Old markup",
            "<p><acronym title=\"As soon as possible\">ASAP</acronym> <tt>code</tt> <strike>gone</strike> <big>loud</big> <ins cite=\"inserted it\">new</ins> <del cite=\"https://example.com/why\">old</del></p>");

        var body = (await _app.Reader().GetPageAsync(Seed.PathOf(blog, post))).QuerySelector(".post-body")!;

        Assert.Equal("As soon as possible", body.QuerySelector("abbr")?.GetAttribute("title"));
        Assert.Equal(("code", "gone", "loud"), (body.QuerySelector("code")?.TextContent, body.QuerySelector("s")?.TextContent, body.QuerySelector("strong")?.TextContent));
        Assert.Empty(body.QuerySelectorAll("acronym, tt, strike, big"));
        Assert.False(body.QuerySelector("ins")!.HasAttribute("cite"));
        Assert.Equal("https://example.com/why", body.QuerySelector("del")?.GetAttribute("cite"));
    }

    [Fact]
    public async Task Drafts_and_scheduled_posts_answer_404_until_their_time_comes()
    {
        var blog = await _app.Seed.BlogAsync("en");
        var draft = await _app.Seed.PostAsync(blog, "Unfinished", draft: true);
        var scheduled = await _app.Seed.PostAsync(blog, "Tomorrow", publishedAt: _app.Time.GetUtcNow().UtcDateTime.AddDays(1));
        var reader = _app.Reader();

        await reader.GetPageAsync(Seed.PathOf(blog, draft), HttpStatusCode.NotFound);
        await reader.GetPageAsync(Seed.PathOf(blog, scheduled), HttpStatusCode.NotFound);
        var home = await reader.GetPageAsync($"/{blog.Handle}");
        Assert.Empty(home.QuerySelectorAll("article.summary"));
    }

    [Fact]
    public async Task Missing_post_shows_a_404_page_in_the_blogs_language_with_its_header()
    {
        var blog = await _app.Seed.BlogAsync("fa", title: "وبلاگ من");

        var page = await _app.Reader().GetPageAsync($"/{blog.Handle}/posts/no-such-post", HttpStatusCode.NotFound);

        Assert.Equal("صفحه پیدا نشد", page.QuerySelector("h1").Text());
        Assert.Equal("وبلاگ من", page.QuerySelector(".site-header .blog-title").Text());
        Assert.Equal("rtl", page.DocumentElement.GetAttribute("dir"));
    }

    [Fact]
    public async Task Unknown_blog_answers_404()
    {
        var page = await _app.Reader().GetPageAsync("/no-such-blog-here", HttpStatusCode.NotFound);
        Assert.Equal("Page not found", page.QuerySelector("h1").Text());
    }

    [Fact]
    public async Task Post_with_a_Persian_slug_is_reachable_and_linked_from_the_home_page()
    {
        var blog = await _app.Seed.BlogAsync("fa");
        var post = await _app.Seed.PostAsync(blog, "کتاب‌های پاییزی");

        var home = await _app.Reader().GetPageAsync($"/{blog.Handle}");
        var href = home.QuerySelector("article.summary h2 a")!.GetAttribute("href")!;

        Assert.Equal(Seed.PathOf(blog, post), href);
        var page = await _app.Reader().GetPageAsync(href);
        Assert.Equal("کتاب‌های پاییزی", page.QuerySelector("h1").Text());
    }

    [Fact]
    public async Task Tags_link_to_a_tag_page_listing_only_that_tags_visible_posts()
    {
        var blog = await _app.Seed.BlogAsync("en");
        var tagged = await _app.Seed.PostAsync(blog, "Garlic", tags: ["garden"]);
        await _app.Seed.PostAsync(blog, "Coffee", tags: ["coffee"]);
        await _app.Seed.PostAsync(blog, "Draft garden", tags: ["garden"], draft: true);

        var page = await _app.Reader().GetPageAsync(Seed.PathOf(blog, tagged));
        var tagHref = page.QuerySelector(".tags a[rel=tag]")!.GetAttribute("href")!;
        var tagPage = await _app.Reader().GetPageAsync(tagHref);

        Assert.Equal($"/{blog.Handle}/tags/garden", tagHref);
        Assert.Equal("Posts tagged “garden”", tagPage.QuerySelector("h1").Text());
        Assert.Equal(["Garlic"], tagPage.QuerySelectorAll("article.summary h2").Select(h => h.Text()));
        await _app.Reader().GetPageAsync($"/{blog.Handle}/tags/nothing", HttpStatusCode.NotFound);
    }
}
