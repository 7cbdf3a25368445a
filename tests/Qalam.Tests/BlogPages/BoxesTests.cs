using Qalam.Accounts;

namespace Qalam.Tests.BlogPages;

// The boxes around the posts: chosen and ordered by the owner, each showing what it names from this blog alone;
// About's Markdown sanitized, Links only web addresses.
[Collection(SharedAppCollection.Name)]
public sealed class BoxesTests(SharedApp shared)
{
    private QalamApp App => shared.App;

    private static async Task<HttpResponseMessage> SaveAsync(HttpClient client, string handle, params (string Kind, string Title, string Text)[] rows)
    {
        var page = await client.GetPageAsync($"/admin/{handle}/boxes");
        var form = new Dictionary<string, string>();
        foreach (var (row, i) in rows.Select((r, i) => (r, i)))
        {
            form[$"Rows[{i}].Kind"] = row.Kind;
            form[$"Rows[{i}].Title"] = row.Title;
            form[$"Rows[{i}].Text"] = row.Text;
        }
        return await client.SubmitAsync(page, "form.boxes-form", form);
    }

    [Fact]
    public async Task The_owners_boxes_show_this_blogs_posts_comments_tags_and_pages_in_order()
    {
        var (blog, owner, client) = await App.BlogWithPersonAsync("fa");
        var (other, _, _) = await App.BlogWithPersonAsync("fa");
        var poem = await App.Seed.PostAsync(blog, "شعر امروز", tags: ["شعر"]);
        await App.Seed.PostAsync(blog, "Reading Hafez", language: "en", tags: ["شعر", "books"]);
        await App.Seed.PostAsync(other, "نوشتهٔ وبلاگ دیگر", tags: ["دیگر"]);
        await App.Seed.CommentAsync(poem, "مریم", "زیبا بود");
        await App.Seed.CommentAsync(poem, "اسپمر", "spam", Qalam.Comments.CommentStatus.Spam);
        var api = App.Reader().WithToken(await App.Seed.TokenAsync(owner));
        await (await api.PostJsonAsync($"/api/v1/blogs/{blog.Handle}/pages", new { title = "درباره", slug = "about" })).JsonAsync(HttpStatusCode.Created);

        using (var saved = await SaveAsync(client, blog.Handle,
            ("About", "", "من **نگار** هستم.\n\n<script>alert(1)</script><img src=x onerror=alert(1)>"),
            ("Links", "دوستان", "Hafez archive | https://example.org/hafez\nصفحهٔ من | /" + blog.Handle),
            ("RecentPosts", "", ""), ("RecentComments", "", ""), ("Tags", "", ""), ("Archive", "", ""),
            ("Pages", "", ""), ("Search", "", ""), ("Subscribe", "", ""), ("", "", "")))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }
        foreach (var path in new[] { $"/{blog.Handle}", $"/{blog.Handle}/posts/{poem.Slug}", $"/{blog.Handle}/pages/about" })
        {
            var page = await App.Reader().GetPageAsync(path);
            var boxes = page.QuerySelectorAll("aside.boxes section.box").ToList();
            Assert.Equal(["box-about", "box-links", "box-recentposts", "box-recentcomments", "box-tags", "box-archive", "box-pages", "box-search", "box-subscribe"],
                boxes.Select(b => b.ClassList[^1]));
            var about = page.QuerySelector(".box-about")!;
            Assert.Equal("نگار", about.QuerySelector("strong").Text());
            Assert.Empty(about.QuerySelectorAll("script, [onerror]"));
            Assert.Equal("دوستان", page.QuerySelector(".box-links h2").Text());
            Assert.Equal(["https://example.org/hafez", "/" + blog.Handle], page.QuerySelectorAll(".box-links a").Select(a => a.GetAttribute("href")));
            Assert.Equal(["Reading Hafez", "شعر امروز"], page.QuerySelectorAll(".box-recentposts a").Select(a => a.Text()));
            Assert.Equal("en", page.QuerySelector(".box-recentposts a")!.GetAttribute("lang"));
            var comment = Assert.Single(page.QuerySelectorAll(".box-recentcomments a"));
            Assert.Contains("مریم", comment.TextContent, StringComparison.Ordinal);
            Assert.Contains("#comment-", comment.GetAttribute("href"), StringComparison.Ordinal);
            Assert.Equal("شعر", page.QuerySelector(".box-tags a").Text());
            Assert.DoesNotContain(page.QuerySelectorAll(".box-tags a"), a => a.TextContent == "دیگر");
            Assert.Single(page.QuerySelectorAll(".box-archive li"));
            Assert.Equal("درباره", page.QuerySelector(".box-pages a").Text());
            Assert.Equal($"/{blog.Handle}/search", page.QuerySelector(".box-search-form")!.GetAttribute("action"));
            Assert.Equal(3, page.QuerySelectorAll(".box-subscribe a").Length);
        }
        // The owner's page shows what was saved.
        var admin = await client.GetPageAsync($"/admin/{blog.Handle}/boxes");
        Assert.NotNull(admin.QuerySelector("#kind-1 option[value=Links][selected]"));
        Assert.Contains("https://example.org/hafez", admin.QuerySelector("#text-1")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Click | javascript:alert(1)")]
    [InlineData("Data | data:text/html,<script>alert(1)</script>")]
    [InlineData("Away | //evil.example/")]
    [InlineData("no bar here")]
    public async Task Links_that_are_not_web_addresses_are_refused_and_nothing_is_saved(string links)
    {
        var (blog, _, client) = await App.BlogWithPersonAsync("en");
        using var refused = await SaveAsync(client, blog.Handle, ("Links", "", links));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var page = Html.Parse(await refused.Content.ReadAsStringAsync());
        Assert.StartsWith("Write one", page.QuerySelector(".box-row.invalid .field-error").Text(), StringComparison.Ordinal);
        Assert.Equal(links, page.QuerySelector("#text-0")!.TextContent);
        Assert.Null((await App.Reader().GetPageAsync($"/{blog.Handle}")).QuerySelector("aside.boxes"));
    }

    [Fact]
    public async Task Only_owners_choose_boxes_and_forged_kinds_are_refused()
    {
        var (blog, _, client) = await App.BlogWithPersonAsync("en");
        var editor = await App.Seed.UserAsync();
        await App.Seed.GrantAsync(blog, editor, BlogRole.Editor);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await App.SignedInAsync(editor)).GetAsync($"/admin/{blog.Handle}/boxes")).StatusCode);
        var (_, _, stranger) = await App.BlogWithPersonAsync("en");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/admin/{blog.Handle}/boxes")).StatusCode);
        using var forged = await SaveAsync(client, blog.Handle, ("Script", "", ""));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        using var tooMany = await SaveAsync(client, blog.Handle, [.. Enumerable.Range(0, 13).Select(_ => ("Search", "", ""))]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooMany.StatusCode);
    }
}
