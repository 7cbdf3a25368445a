namespace Qalam.Tests.Similar;

[Collection(SharedAppCollection.Name)]
public sealed class SimilarPostsTests(SharedApp shared)
{
    private readonly QalamApp _app = shared.App;

    private static List<string> SimilarTitles(AngleSharp.Dom.IDocument page) =>
        page.QuerySelectorAll(".similar li a").Select(a => a.Text()).ToList();

    [Fact]
    public async Task Similar_posts_rank_shared_subject_first_and_never_show_the_post_itself_drafts_or_future_posts()
    {
        var blog = await _app.Seed.BlogAsync("en");
        var garlic = await _app.Seed.PostAsync(blog, "Planting garlic", "Garlic cloves go into cold soil in autumn.", tags: ["garden"]);
        await _app.Seed.PostAsync(blog, "Harvesting garlic", "Lift the garlic when leaves yellow; dry the garlic bulbs.", tags: ["garden"]);
        await _app.Seed.PostAsync(blog, "Mulching beds", "Mulch keeps beds warm.", tags: ["garden"]);
        await _app.Seed.PostAsync(blog, "Coffee", "A stovetop pot and a slow morning.", tags: ["coffee"]);
        await _app.Seed.PostAsync(blog, "Garlic draft", "garlic garlic garlic", tags: ["garden"], draft: true);
        await _app.Seed.PostAsync(blog, "Garlic next week", "garlic cloves soil", tags: ["garden"],
            publishedAt: _app.Time.GetUtcNow().UtcDateTime.AddDays(7));
        await _app.Seed.RebuildSimilarAsync(blog);

        var titles = SimilarTitles(await _app.Reader().GetPageAsync(Seed.PathOf(blog, garlic)));

        Assert.Equal(["Harvesting garlic", "Mulching beds"], titles);
    }

    [Fact]
    public async Task Persian_typed_with_Arabic_letter_forms_and_without_ZWNJ_still_matches()
    {
        var blog = await _app.Seed.BlogAsync("fa");
        var post = await _app.Seed.PostAsync(blog, "کتاب‌های کودکی", "کتاب‌ها و کتابخانه‌ی کوچک ما");
        await _app.Seed.PostAsync(blog, "كتابهاي تازه", "كتابها را دوست داريم");
        await _app.Seed.PostAsync(blog, "آشپزی", "قورمه سبزی");
        await _app.Seed.RebuildSimilarAsync(blog);

        var titles = SimilarTitles(await _app.Reader().GetPageAsync(Seed.PathOf(blog, post)));

        Assert.Equal(["كتابهاي تازه"], titles);
    }

    [Fact]
    public async Task A_name_spelled_differently_or_in_the_other_script_still_finds_its_posts()
    {
        var blog = await _app.Seed.BlogAsync("fa");
        var post = await _app.Seed.PostAsync(blog, "فال حافظ", "دیوان حافظ را در شب یلدا باز می‌کنیم.");
        await _app.Seed.PostAsync(blog, "Reading Hafiz", "Translators have turned Hafiz into English many times.", language: "en");
        await _app.Seed.PostAsync(blog, "Hâfez in Shiraz", "The tomb of Hâfez stands in a garden.", language: "en");
        await _app.Seed.PostAsync(blog, "Rostam", "The hero of the Book of Kings.", language: "en");
        await _app.Seed.RebuildSimilarAsync(blog);

        var titles = SimilarTitles(await _app.Reader().GetPageAsync(Seed.PathOf(blog, post)));

        Assert.Equal(["Hâfez in Shiraz", "Reading Hafiz"], titles.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_English_post_in_a_Persian_blog_is_listed_with_its_own_direction()
    {
        var blog = await _app.Seed.BlogAsync("fa");
        var post = await _app.Seed.PostAsync(blog, "حافظ", "غزل", tags: ["حافظ"]);
        await _app.Seed.PostAsync(blog, "Reading Hafez", "ghazal", language: "en", tags: ["حافظ"]);
        await _app.Seed.RebuildSimilarAsync(blog);

        var link = (await _app.Reader().GetPageAsync(Seed.PathOf(blog, post))).QuerySelector(".similar li a")!;

        Assert.Equal("Reading Hafez", link.Text());
        Assert.Equal("en", link.GetAttribute("lang"));
        Assert.Equal("ltr", link.GetAttribute("dir"));
    }

    [Fact]
    public async Task Rebuilds_of_one_blog_running_at_once_leave_one_whole_list()
    {
        var blog = await _app.Seed.BlogAsync("en");
        var post = await _app.Seed.PostAsync(blog, "Garlic", "garlic beds", tags: ["garden"]);
        for (var i = 0; i < 6; i++)
        {
            await _app.Seed.PostAsync(blog, $"Garlic notes {i}", "garlic beds in autumn", tags: ["garden"]);
        }

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _app.Seed.RebuildSimilarAsync(blog)));

        var titles = SimilarTitles(await _app.Reader().GetPageAsync(Seed.PathOf(blog, post)));
        Assert.Equal(6, titles.Count);
        Assert.Equal(6, titles.Distinct().Count());
    }
}
