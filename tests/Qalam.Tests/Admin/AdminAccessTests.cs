using Qalam.Accounts;

namespace Qalam.Tests.Admin;

[Collection(SharedAppCollection.Name)]
public sealed class AdminAccessTests(SharedApp shared)
{
    private QalamApp App => shared.App;


    [Fact]
    public async Task An_author_cannot_open_the_settings_or_another_authors_post_and_a_stranger_sees_no_blog()
    {
        var blog = await App.Seed.BlogAsync("fa");
        var other = await App.Seed.BlogAsync("fa");
        var author = await App.Seed.UserAsync();
        var colleague = await App.Seed.UserAsync();
        await App.Seed.GrantAsync(blog, author, BlogRole.Author);
        await App.Seed.GrantAsync(blog, colleague, BlogRole.Author);
        var theirs = await App.Seed.PostByAsync(blog, colleague, "Colleague's");
        var mine = await App.Seed.PostByAsync(blog, author, "Mine");
        var client = await App.SignedInAsync(author);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/admin/{blog.Handle}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/admin/{blog.Handle}/posts/{mine.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/admin/{blog.Handle}/posts/{theirs.Id}")).StatusCode);
        // A Persian browser, an author who chose English for the admin area: the refusal speaks English.
        using var persianBrowser = new HttpRequestMessage(HttpMethod.Get, $"/admin/{blog.Handle}/settings");
        persianBrowser.Headers.AcceptLanguage.ParseAdd("fa");
        var settings = await client.SendAsync(persianBrowser);
        Assert.Equal(HttpStatusCode.Forbidden, settings.StatusCode);
        Assert.Equal("Not allowed", Html.Parse(await settings.Content.ReadAsStringAsync()).QuerySelector("h1").Text());
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/admin/{blog.Handle}/members")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/admin/{other.Handle}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/admin/{other.Handle}/posts/{mine.Id}")).StatusCode);
        var list = await client.GetPageAsync($"/admin/{blog.Handle}/posts");
        Assert.Equal(["Mine"], list.QuerySelectorAll("table.list tbody td:first-child a").Select(a => a.Text()));
    }

    [Fact]
    public async Task The_editor_saves_a_draft_then_publishes_it_and_a_renamed_post_keeps_its_old_address()
    {
        var (blog, owner, client) = await App.BlogWithPersonAsync("en");

        var editor = await client.GetPageAsync($"/admin/{blog.Handle}/posts/new");
        var saved = await client.SubmitAsync(editor, "#post-form", new Dictionary<string, string>
        {
            ["Form.Title"] = "First light",
            ["Form.Body"] = "Morning *fog*.",
            ["Form.Tags"] = "weather, mornings",
            ["Form.Language"] = "en",
            ["command"] = "draft",
        }, $"/admin/{blog.Handle}/posts/new");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var edit = saved.Headers.Location!.OriginalString;
        Assert.Equal(HttpStatusCode.NotFound, (await App.Reader().GetAsync($"/{blog.Handle}/posts/first-light")).StatusCode);

        var page = await client.GetPageAsync(edit);
        Assert.Equal("weather, mornings", page.QuerySelector("#tags")?.GetAttribute("value"));
        var published = await client.SubmitAsync(page, "#post-form", new Dictionary<string, string>
        {
            ["Form.Title"] = "First light",
            ["Form.Body"] = "Morning *fog*.",
            ["Form.Slug"] = "first-light",
            ["Form.Language"] = "en",
            ["command"] = "publish",
        }, edit.Split('?')[0]);
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Equal("fog", (await App.Reader().GetPageAsync($"/{blog.Handle}/posts/first-light")).QuerySelector(".post-body em").Text());

        page = await client.GetPageAsync(edit.Split('?')[0]);
        await client.SubmitAsync(page, "#post-form", new Dictionary<string, string>
        {
            ["Form.Title"] = "First light",
            ["Form.Body"] = "Morning *fog*.",
            ["Form.Slug"] = "dawn",
            ["Form.Language"] = "en",
            ["command"] = "save",
        }, edit.Split('?')[0]);
        var old = await App.Reader().GetAsync($"/{blog.Handle}/posts/first-light");
        Assert.Equal(HttpStatusCode.MovedPermanently, old.StatusCode);
        Assert.Equal($"/{blog.Handle}/posts/dawn", old.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_preview_is_rendered_and_sanitized_like_the_public_page_and_nothing_is_saved()
    {
        var (blog, owner, client) = await App.BlogWithPersonAsync("fa");

        var editor = await client.GetPageAsync($"/admin/{blog.Handle}/posts/new");
        var response = await client.SubmitAsync(editor, "#post-form", new Dictionary<string, string>
        {
            ["Form.Title"] = "پیش‌نمایش",
            ["Form.Body"] = "**پررنگ** <script>alert(1)</script>",
            ["command"] = "preview",
        }, $"/admin/{blog.Handle}/posts/new");
        var page = Html.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("پررنگ", page.QuerySelector(".preview .post-body strong").Text());
        Assert.Null(page.QuerySelector(".preview script"));
        Assert.Equal("**پررنگ** <script>alert(1)</script>", page.QuerySelector("#body")?.TextContent);
        var posts = await client.GetPageAsync($"/admin/{blog.Handle}/posts");
        Assert.Empty(posts.QuerySelectorAll("table.list tbody tr"));
    }

    [Fact]
    public async Task A_new_token_is_shown_once_works_for_the_API_and_can_be_revoked()
    {
        var (blog, owner, client) = await App.BlogWithPersonAsync("en");

        var account = await client.GetPageAsync("/admin/account");
        var created = await client.SubmitAsync(account, "form[action*='handler=Token']", new Dictionary<string, string> { ["name"] = "deploy script" });
        var token = Html.Parse(await created.Content.ReadAsStringAsync()).QuerySelector("#new-token").Text();
        var later = await client.GetPageAsync("/admin/account");
        var works = await App.Reader().WithToken(token).GetAsync($"/api/v1/blogs/{blog.Handle}/posts?status=all");
        await client.SubmitAsync(later, "form[action*='handler=Revoke']", new Dictionary<string, string>());
        var revoked = await App.Reader().WithToken(token).GetAsync($"/api/v1/blogs/{blog.Handle}/posts?status=all");

        Assert.StartsWith("qlm_", token, StringComparison.Ordinal);
        Assert.Null(later.QuerySelector("#new-token"));
        Assert.DoesNotContain(token, later.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Equal("deploy script", later.QuerySelector("table.list td").Text());
        Assert.Equal(HttpStatusCode.OK, works.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
    }
}
