using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qalam.Accounts;
using Qalam.BlogPages;
using Qalam.Storage;

namespace Qalam.Tests.BlogPages;

// The blog's menu: the owner's links (home, archive, a page, a tag, another web address) at the top of every page,
// in order; nothing but web addresses, nothing of another blog; a page's link follows the page.
[Collection(SharedAppCollection.Name)]
public sealed class MenuTests(SharedApp shared)
{
    private QalamApp App => shared.App;

    private static async Task<HttpResponseMessage> SaveAsync(HttpClient client, string handle, params (string Label, string Link, string Address)[] rows)
    {
        var page = await client.GetPageAsync($"/admin/{handle}/menu");
        var form = new Dictionary<string, string>();
        foreach (var (row, i) in rows.Select((r, i) => (r, i)))
        {
            form[$"Rows[{i}].Label"] = row.Label;
            form[$"Rows[{i}].Link"] = row.Link;
            form[$"Rows[{i}].Address"] = row.Address;
        }
        return await client.SubmitAsync(page, "form.menu-form", form);
    }

    private async Task<int> PageIdAsync(int blogId, string slug)
    {
        using var scope = App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<QalamDb>().BlogPages.Where(p => p.BlogId == blogId && p.Slug == slug).Select(p => p.Id).SingleAsync();
    }

    [Fact]
    public async Task The_owners_menu_leads_readers_to_pages_tags_the_archive_and_other_sites()
    {
        var (blog, owner, client) = await App.BlogWithPersonAsync("fa");
        var api = App.Reader().WithToken(await App.Seed.TokenAsync(owner));
        await (await api.PostJsonAsync($"/api/v1/blogs/{blog.Handle}/pages", new { title = "درباره", slug = "about" })).JsonAsync(HttpStatusCode.Created);
        await App.Seed.PostAsync(blog, "شعر امروز", tags: ["شعر"]);
        var about = await PageIdAsync(blog.Id, "about");

        using (var saved = await SaveAsync(client, blog.Handle, ("خانه", "home", ""), ("درباره", $"page:{about}", ""), ("شعرها", "tag:شعر", ""),
            ("بایگانی", "archive", ""), ("GitHub", "address", "https://github.com/example"), ("", "home", "")))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }
        var home = await App.Reader().GetPageAsync($"/{blog.Handle}");
        var links = home.QuerySelectorAll("nav.blog-menu a").Select(a => (a.Text(), a.GetAttribute("href"))).ToList();
        Assert.Equal(
        [
            ("خانه", $"/{blog.Handle}"), ("درباره", $"/{blog.Handle}/pages/about"), ("شعرها", $"/{blog.Handle}/tags/{Uri.EscapeDataString("شعر")}"),
            ("بایگانی", $"/{blog.Handle}/archive"), ("GitHub", "https://github.com/example"),
        ], links);
        Assert.Equal("page", home.QuerySelector("nav.blog-menu a[aria-current]")?.GetAttribute("aria-current"));
        var admin = await client.GetPageAsync($"/admin/{blog.Handle}/menu");
        Assert.Equal("درباره", admin.QuerySelector("#label-1")!.GetAttribute("value"));
        Assert.NotNull(admin.QuerySelector($"#link-1 option[value='page:{about}'][selected]"));

        // The page renamed: its link follows; deleted: its link goes.
        await (await api.PutJsonAsync($"/api/v1/blogs/{blog.Handle}/pages/{about}", new { title = "درباره", slug = "who" })).JsonAsync(HttpStatusCode.OK);
        Assert.Contains($"/{blog.Handle}/pages/who", (await App.Reader().GetPageAsync($"/{blog.Handle}")).QuerySelectorAll("nav.blog-menu a").Select(a => a.GetAttribute("href")));
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/blogs/{blog.Handle}/pages/{about}")).StatusCode);
        Assert.Equal(4, (await App.Reader().GetPageAsync($"/{blog.Handle}")).QuerySelectorAll("nav.blog-menu a").Length);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("JaVaScRiPt:alert(document.cookie)")]
    [InlineData(" javascript:alert(1)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("vbscript:msgbox(1)")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("http://")]
    public async Task Addresses_that_are_not_web_addresses_are_refused_with_a_message(string address)
    {
        var (blog, _, client) = await App.BlogWithPersonAsync("en");
        using var refused = await SaveAsync(client, blog.Handle, ("Home", "home", ""), ("Click", "address", address));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var page = Html.Parse(await refused.Content.ReadAsStringAsync());
        Assert.StartsWith("Only web addresses", page.QuerySelector(".menu-row.invalid .field-error").Text(), StringComparison.Ordinal);
        // What was typed stays to mend; nothing was saved.
        Assert.Equal("Click", page.QuerySelector("#label-1")!.GetAttribute("value"));
        Assert.Empty((await App.Reader().GetPageAsync($"/{blog.Handle}")).QuerySelectorAll("nav.blog-menu a"));
    }

    [Fact]
    public async Task Another_blogs_pages_and_tags_are_not_menu_links_and_only_owners_edit_the_menu()
    {
        var (blog, _, client) = await App.BlogWithPersonAsync("en");
        var (theirs, stranger, _) = await App.BlogWithPersonAsync("en");
        var theirApi = App.Reader().WithToken(await App.Seed.TokenAsync(stranger));
        await (await theirApi.PostJsonAsync($"/api/v1/blogs/{theirs.Handle}/pages", new { title = "Secret", slug = "secret", status = "draft" })).JsonAsync(HttpStatusCode.Created);
        await App.Seed.PostAsync(theirs, "Theirs", tags: ["private-tag"]);
        var secret = await PageIdAsync(theirs.Id, "secret");

        using (var borrowed = await SaveAsync(client, blog.Handle, ("Their page", $"page:{secret}", ""), ("Their tag", "tag:private-tag", "")))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, borrowed.StatusCode);
            Assert.Equal(2, Html.Parse(await borrowed.Content.ReadAsStringAsync()).QuerySelectorAll(".menu-row.invalid").Length);
        }
        var editor = await App.Seed.UserAsync();
        await App.Seed.GrantAsync(blog, editor, BlogRole.Editor);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await App.SignedInAsync(editor)).GetAsync($"/admin/{blog.Handle}/menu")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await App.SignedInAsync(stranger)).GetAsync($"/admin/{blog.Handle}/menu")).StatusCode);

        // Labels are text: the XSS lists come out as text, never as markup.
        var payloads = Repo.XssPayloads().Where(p => p.Length <= 60).Take(19).ToArray();
        using (var saved = await SaveAsync(client, blog.Handle, [.. payloads.Select(p => (p, "archive", ""))]))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }
        var home = await App.Reader().GetPageAsync($"/{blog.Handle}");
        var menu = home.QuerySelector("nav.blog-menu")!;
        Assert.Empty(menu.QuerySelectorAll("script, img, svg, iframe, [onerror], [onload]"));
        Assert.Equal(payloads.Select(p => p.Trim()), menu.QuerySelectorAll("a").Select(a => a.TextContent));
    }
}
