namespace Qalam.Tests.SampleContent;

public sealed class SampleContentTests
{
    [Fact]
    public async Task An_empty_database_gets_a_Persian_and_an_English_blog_with_an_English_post_inside_the_Persian_one()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var app = new QalamApp(database, sampleContent: true);
        var reader = app.Reader();

        var home = await reader.GetPageAsync("/");
        Assert.Equal(["/dariche", "/fieldnotes"], home.QuerySelectorAll(".blog-list h3 a").Select(a => a.GetAttribute("href")).Order(StringComparer.Ordinal));

        var persian = await reader.GetPageAsync("/dariche");
        var english = persian.QuerySelectorAll("article.summary[lang=en]").Single();
        var post = await reader.GetPageAsync(english.QuerySelector("h2 a")!.GetAttribute("href")!);
        Assert.Equal("rtl", post.DocumentElement.GetAttribute("dir"));
        Assert.Equal("ltr", post.QuerySelector("article.post")!.GetAttribute("dir"));
        Assert.NotEmpty(post.QuerySelectorAll(".similar li"));

        var withComments = await reader.GetPageAsync("/dariche/posts/" + Uri.EscapeDataString("فال-حافظ-در-شب-یلدا"));
        Assert.Equal("۳ نظر", withComments.QuerySelector(".comment-count").Text());
        Assert.Single(withComments.QuerySelectorAll("ol.replies .comment"));
    }

    [Fact]
    public async Task Sample_content_can_be_turned_off()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var app = new QalamApp(database, sampleContent: false);

        var home = await app.Reader().GetPageAsync("/");

        Assert.Empty(home.QuerySelectorAll(".blog-list li"));
        Assert.Equal("There are no blogs here yet.", home.QuerySelector(".blogs > p").Text());
    }

    [Fact]
    public async Task Sample_content_is_created_once_not_again_on_the_next_start()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var first = new QalamApp(database, sampleContent: true))
        {
            _ = first.Server;
        }
        await using var second = new QalamApp(database, sampleContent: true);

        var home = await second.Reader().GetPageAsync("/");

        Assert.Equal(2, home.QuerySelectorAll(".blog-list li").Length);
    }
}
