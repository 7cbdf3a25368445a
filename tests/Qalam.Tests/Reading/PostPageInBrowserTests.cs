using System.Text;
using Microsoft.Playwright;
using Qalam.Blogs;

namespace Qalam.Tests.Reading;

[Trait("Kind", "Browser")]
public sealed class PostPageInBrowserTests
{
    private static readonly string PersianPost = "/dariche/posts/" + Uri.EscapeDataString("فال-حافظ-در-شب-یلدا");
    private const string EnglishPostInPersianBlog = "/dariche/posts/reading-hafez-in-english-translation";
    private const string EnglishPost = "/fieldnotes/posts/planting-garlic-in-late-autumn";

    [Fact]
    public async Task A_reader_sends_a_comment_with_the_form_and_is_told_it_awaits_approval()
    {
        await using var served = await ServedApp.StartAsync(sampleContent: true);
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.Context.NewPageAsync();

        await page.GotoAsync(served.Url(PersianPost));
        await page.FillAsync("#comment-name", "نگار");
        await page.FillAsync("#comment-body", "چه یادداشت خوبی! Thanks for writing.");
        await page.ClickAsync("#comment-form button[type=submit]");

        Assert.Equal("سپاس! نظر شما دریافت شد و پس از تأیید نویسنده نمایش داده می‌شود.", (await page.TextContentAsync(".notice"))?.Trim());
        Assert.Equal("", await page.InputValueAsync("#comment-body"));
        Assert.Empty(browser.OutsideRequests);
    }

    [Fact]
    public async Task A_reader_who_forgets_their_name_sees_why_and_keeps_their_text()
    {
        await using var served = await ServedApp.StartAsync(sampleContent: true);
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.Context.NewPageAsync();

        await page.GotoAsync(served.Url(EnglishPost));
        await page.FillAsync("#comment-body", "A long, careful comment.");
        await page.ClickAsync("#comment-form button[type=submit]");

        Assert.Equal("Please fill in “Name”.", (await page.TextContentAsync("#comment-name-error"))?.Trim());
        Assert.Equal("A long, careful comment.", await page.InputValueAsync("#comment-body"));
    }

    [Theory]
    [InlineData(390)]
    [InlineData(1280)]
    public async Task Post_pages_fit_the_screen_in_both_directions_and_Persian_is_set_in_Vazirmatn(int width)
    {
        await using var served = await ServedApp.StartAsync(sampleContent: true);
        await using var browser = await BrowserSession.StartAsync(width, 900);
        var page = await browser.Context.NewPageAsync();

        foreach (var (name, path) in new[]
        {
            ("fa-post", PersianPost), ("fa-blog-en-post", EnglishPostInPersianBlog), ("en-post", EnglishPost),
            ("fa-search", "/dariche/search?q=" + Uri.EscapeDataString("حافظ")), ("en-search", "/fieldnotes/search?q=Khayyam"),
            ("fa-site", "/?culture=fa&ui-culture=fa"), ("en-site", "/?culture=en&ui-culture=en"),
            ("fa-archive", "/dariche/archive"), ("en-archive", "/fieldnotes/archive"),
        })
        {
            await page.GotoAsync(served.Url(path));
            await PageChecks.PhotographAsync(page, name, width);
        }
        await page.GotoAsync(served.Url(PersianPost));
        await page.EvaluateAsync("document.fonts.ready");
        var fonts = await page.EvaluateAsync<string[]>("[...document.fonts].map(f => f.family + ' ' + f.weight + ' ' + f.status)");
        Assert.Contains("Vazirmatn 400 loaded", fonts);
        Assert.Empty(browser.OutsideRequests);
    }

    [Fact]
    public async Task No_payload_from_the_XSS_lists_runs_script_in_a_post_title_body_or_comment()
    {
        var payloads = Repo.XssPayloads();

        await using var served = await ServedApp.StartAsync();
        var seed = served.App.Seed;
        var blog = await seed.BlogAsync("en", CommentPolicy.Open);
        var pages = new List<string> { $"/{blog.Handle}" };
        foreach (var chunk in payloads.Chunk(40))
        {
            var post = await seed.PostAsync(blog, chunk[0][..Math.Min(chunk[0].Length, 280)], string.Join("\n\n", chunk));
            pages.Add(Seed.PathOf(blog, post));
        }
        var target = await seed.PostAsync(blog, "Comments from strangers");
        pages.Add(Seed.PathOf(blog, target));
        var reader = served.App.Reader();
        var form = await reader.GetPageAsync(Seed.PathOf(blog, target));
        // Every field of the form: name and body are published; the same payload as email and website is refused
        // (not an address), and the form comes back with everything typed in it, which must be just as inert.
        var refusedForms = new StringBuilder();
        foreach (var payload in payloads)
        {
            using var response = await reader.SubmitAsync(form, "#comment-form", new Dictionary<string, string>
            {
                ["Form.Name"] = payload[..Math.Min(payload.Length, 100)],
                ["Form.Body"] = payload,
            });
            Assert.True(response.StatusCode == HttpStatusCode.Redirect,
                $"{response.StatusCode} for {payload}: {Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelector(".error-summary").Text()}");
            using var refused = await reader.SubmitAsync(form, "#comment-form", new Dictionary<string, string>
            {
                ["Form.Name"] = payload[..Math.Min(payload.Length, 100)],
                ["Form.Body"] = payload + " (2)",
                ["Form.Email"] = payload[..Math.Min(payload.Length, 254)],
                ["Form.Website"] = payload[..Math.Min(payload.Length, 300)],
            });
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            refusedForms.Append(Html.Parse(await refused.Content.ReadAsStringAsync()).QuerySelector("#comment-form")!.OuterHtml);
        }

        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.Context.NewPageAsync();
        var dialogs = PageChecks.DismissDialogs(page);
        // The post's schema.org data block is the one script element allowed, and only while it is whole, valid JSON.
        foreach (var path in pages.Append(Seed.PathOf(blog, target) + "?sent=published"))
        {
            await page.GotoAsync(served.Url(path));
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var dangerous = await page.EvaluateAsync<string[]>("""
                [...document.querySelectorAll('*')].flatMap(el => [...el.attributes]
                    .filter(a => a.name.startsWith('on') || /^\s*(javascript|vbscript|data):/i.test(a.value) && ['href','src','action','formaction','xlink:href'].includes(a.name))
                    .map(a => el.tagName + ' ' + a.name + '=' + a.value))
                .concat([...document.scripts]
                    .filter(s => !(s.type === 'application/ld+json' && (() => { try { return JSON.parse(s.text)['@type'] === 'BlogPosting'; } catch { return false; } })()))
                    .filter(s => s.getAttribute('src') !== '/js/comments.js')
                    .map(s => 'SCRIPT ' + s.outerHTML.slice(0, 80)))
                """);
            Assert.True(dangerous.Length == 0, $"{path}: {string.Join(" | ", dangerous)}");
        }

        // The refused forms, all on one page and without the Content-Security-Policy header that would otherwise
        // stop inline script: only the encoding of the values stands between a payload and the reader.
        await page.SetContentAsync($"<!DOCTYPE html><html><body>{refusedForms}</body></html>");
        var injected = await page.EvaluateAsync<string[]>("""
            [...document.querySelectorAll('*')].flatMap(el => [...el.attributes]
                .filter(a => a.name.startsWith('on')).map(a => el.tagName + ' ' + a.name))
            .concat([...document.scripts].map(s => 'SCRIPT ' + s.outerHTML.slice(0, 80)))
            """);
        Assert.True(injected.Length == 0, string.Join(" | ", injected));
        Assert.Equal(payloads.Count, await page.Locator("input[name='Form.Email']").CountAsync());

        Assert.Empty(dialogs);
        Assert.Empty(browser.OutsideRequests);
    }
}
