using Microsoft.Extensions.DependencyInjection;
using Qalam.Posts;
using Qalam.Search;
using Qalam.Storage;

namespace Qalam.Tests.Search;

// The blog's search page, as a reader uses it: a GET form, ranked results with the matched words marked.
[Collection(SharedAppCollection.Name)]
public sealed class SearchPageTests(SharedApp shared)
{
    private QalamApp App => shared.App;

    private static List<string> Titles(AngleSharp.Dom.IDocument page) =>
        page.QuerySelectorAll(".search-results h2 a").Select(a => a.TextContent).ToList();

    [Fact]
    public async Task Persian_typed_with_Arabic_letter_forms_and_without_ZWNJ_finds_the_post_and_marks_the_words()
    {
        var blog = await App.Seed.BlogAsync("fa");
        await App.Seed.PostAsync(blog, "کتاب‌های کودکی", "یادی از کتاب‌های کودکی و کتابخانه‌ی مدرسه.");
        await App.Seed.PostAsync(blog, "آشپزی", "قورمه‌سبزی با لیمو عمانی.");

        var page = await App.Reader().GetPageAsync($"/{blog.Handle}/search?q={Uri.EscapeDataString("كتابهاي")}");

        Assert.Equal(["کتاب‌های کودکی"], Titles(page));
        Assert.Contains("کتاب‌های", page.QuerySelectorAll(".snippet mark").Select(m => m.TextContent));
        Assert.Equal("۱ مطلب پیدا شد", page.QuerySelector("[role=status]")?.TextContent);
        Assert.Equal("noindex", page.QuerySelector("meta[name=robots]")?.GetAttribute("content"));
    }

    [Fact]
    public async Task A_name_spelled_another_way_or_in_the_other_script_finds_its_posts()
    {
        var blog = await App.Seed.BlogAsync("en");
        await App.Seed.PostAsync(blog, "The tomb of Hafez", "Orange trees around the tomb in Shiraz.");
        await App.Seed.PostAsync(blog, "فال حافظ", "دیوان حافظ در شب یلدا.", language: "fa");
        await App.Seed.PostAsync(blog, "Ferdowsi", "The Book of Kings.");

        var page = await App.Reader().GetPageAsync($"/{blog.Handle}/search?q=Hafiz");

        Assert.Equal(["The tomb of Hafez", "فال حافظ"], Titles(page).Order(StringComparer.Ordinal));
        Assert.Equal("fa", page.QuerySelectorAll(".search-results li").Single(li => li.TextContent.Contains("فال", StringComparison.Ordinal)).GetAttribute("lang"));
    }

    [Fact]
    public async Task A_place_whose_Persian_spelling_differs_in_its_consonants_is_found_from_either_script()
    {
        var blog = await App.Seed.BlogAsync("en");
        await App.Seed.PostAsync(blog, "سفر به قونیه", "آرامگاه مولانا در قونیه.", language: "fa");
        await App.Seed.PostAsync(blog, "Winter in Konya", "Snow on the Mevlana museum.");
        await App.Seed.PostAsync(blog, "Kerman", "Desert roads.");

        var fromLatin = await App.Reader().GetPageAsync($"/{blog.Handle}/search?q=Konia");
        var fromPersian = await App.Reader().GetPageAsync($"/{blog.Handle}/search?q={Uri.EscapeDataString("قونیه")}");

        Assert.Equal(["Winter in Konya", "سفر به قونیه"], Titles(fromLatin).Order(StringComparer.Ordinal));
        Assert.Equal(["Winter in Konya", "سفر به قونیه"], Titles(fromPersian).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Only_this_blog_s_public_posts_are_found()
    {
        var blog = await App.Seed.BlogAsync("en");
        var other = await App.Seed.BlogAsync("en");
        var now = App.Time.GetUtcNow().UtcDateTime;
        await App.Seed.PostAsync(blog, "Public walnut", "A walnut tree.");
        await App.Seed.PostAsync(blog, "Draft walnut", "A walnut draft.", draft: true);
        await App.Seed.PostAsync(blog, "Later walnut", "A walnut to come.", publishedAt: now.AddDays(2));
        await App.Seed.PostAsync(other, "Other walnut", "Another blog's walnut.");

        var page = await App.Reader().GetPageAsync($"/{blog.Handle}/search?q=walnut");

        Assert.Equal(["Public walnut"], Titles(page));
    }

    [Fact]
    public async Task Results_come_ten_a_page_and_a_page_past_the_end_is_404()
    {
        var blog = await App.Seed.BlogAsync("en");
        for (var i = 0; i < 12; i++)
        {
            await App.Seed.PostAsync(blog, $"Almond {i}", "Almond blossoms in spring.");
        }
        var reader = App.Reader();

        var first = await reader.GetPageAsync($"/{blog.Handle}/search?q=almond");
        var second = await reader.GetPageAsync(first.QuerySelector("a[rel=next]")!.GetAttribute("href")!);
        using var third = await reader.GetAsync($"/{blog.Handle}/search?q=almond&page=3");

        Assert.Equal(10, Titles(first).Count);
        Assert.Equal(2, Titles(second).Count);
        Assert.Empty(Titles(first).Intersect(Titles(second)));
        Assert.Equal(HttpStatusCode.NotFound, third.StatusCode);
    }

    [Fact]
    public async Task Snippets_are_text_even_when_the_post_is_HTML_and_the_query_is_markup()
    {
        var blog = await App.Seed.BlogAsync("en");
        await App.Seed.PostAsync(blog, "Imported", "<div class=\"wp-import\">\n<p>The <strong>quince</strong> jam recipe.</p>\n</div>");

        var page = await App.Reader().GetPageAsync($"/{blog.Handle}/search?q=quince");
        var markup = await App.Reader().GetPageAsync($"/{blog.Handle}/search?q={Uri.EscapeDataString("<b>quince</b>")}");
        using var tooLong = await App.Reader().GetAsync($"/{blog.Handle}/search?q={new string('x', 201)}");

        Assert.Equal("The quince jam recipe.", page.QuerySelector(".snippet")?.TextContent.Trim());
        Assert.Equal("Search: <b>quince</b>", markup.QuerySelector("h1")?.TextContent);
        Assert.Null(markup.QuerySelector("h1 b"));
        Assert.Equal("<b>quince</b>", markup.QuerySelector("#search-q")?.GetAttribute("value"));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
    }

    [Fact]
    public async Task A_post_committed_after_the_index_had_moved_past_its_time_is_found_after_the_background_round()
    {
        var blog = await App.Seed.BlogAsync("en");
        await App.Seed.PostAsync(blog, "Fresh medlar", "A medlar tree.");
        Assert.Equal(["Fresh medlar"], Titles(await App.Reader().GetPageAsync($"/{blog.Handle}/search?q=medlar")));

        // What an import's transaction leaves: a post stamped with the time the import began (an hour ago here),
        // committed after this node's index had read everything up to now.
        var then = App.Time.GetUtcNow().UtcDateTime.AddHours(-1);
        using (var scope = App.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QalamDb>();
            var late = new Post(blog.Id, "late-medlar", then);
            late.Write("Late medlar", "A medlar from an import.", "en", scope.ServiceProvider.GetRequiredService<MarkdownRenderer>(), then);
            late.PublishAt(then);
            db.Posts.Add(late);
            await db.SaveChangesAsync();
        }
        // The catch-up before a search reads only what changed since shortly before its last look.
        Assert.Equal(["Fresh medlar"], Titles(await App.Reader().GetPageAsync($"/{blog.Handle}/search?q=medlar")));

        // The background round (every five seconds) finds the index one post short and reads what it lacks.
        await App.Services.GetRequiredService<SearchIndex>().CatchUpAsync(CancellationToken.None);

        Assert.Equal(["Fresh medlar", "Late medlar"], Titles(await App.Reader().GetPageAsync($"/{blog.Handle}/search?q=medlar")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Every_blog_page_links_to_its_search()
    {
        var blog = await App.Seed.BlogAsync("fa");

        var home = await App.Reader().GetPageAsync($"/{blog.Handle}");
        var search = await App.Reader().GetPageAsync(home.QuerySelector("a.search-link")!.GetAttribute("href")!);

        Assert.Equal("جست‌وجو", search.QuerySelector("h1")?.TextContent);
        Assert.NotNull(search.QuerySelector("form[role=search] input[type=search][name=q]"));
        Assert.Null(search.QuerySelector("[role=status]"));
    }
}
