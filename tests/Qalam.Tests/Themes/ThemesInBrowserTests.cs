using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Qalam.Posts;
using Qalam.Themes;

namespace Qalam.Tests.Themes;

// An owner picks each theme as a person would (preview first, then save), gives the blog its own CSS and sees it;
// every theme is photographed with WordPress's Theme Unit Test posts, light and dark, at phone and desktop width,
// and axe finds nothing serious or critical in any of them.
[Trait("Kind", "Browser")]
public sealed class ThemesInBrowserTests
{
    // Theme Unit Test posts that hold what themes get wrong: a long title, nested lists and tables, quotations, code.
    private static readonly string[] TortureSlugs = ["markup-html-tags-and-formatting", "title-should-not-overflow-the-content-area"];

    [Theory]
    [InlineData("fa")]
    [InlineData("en")]
    public async Task An_owner_previews_and_saves_each_theme_and_every_theme_reads_well_light_and_dark(string language)
    {
        await using var served = await ServedApp.StartAsync();
        var (blog, owner) = await served.App.Seed.BlogWithOwnerAsync(language);
        await ImportThemeUnitTestAsync(served.App, blog.Id);
        var persian = await served.App.Seed.PostAsync(blog, "جدول‌ها، فهرست‌ها و نقل‌قول در پوسته‌ها",
            "پاراگراف فارسی با واژهٔ English در میانه.\n\n| ستون | Column |\n| --- | --- |\n| یک | one |\n\n- فهرست\n  - تو در تو\n\n> نقل‌قولی از حافظ\n\n```\ncode block\n```", "fa");
        // A page in the blog's language under one of the imported pages, and a menu that leads to it.
        await using (var scope = served.App.Services.CreateAsyncScope())
        {
            var editor = scope.ServiceProvider.GetRequiredService<Qalam.BlogPages.BlogPageEditor>();
            var db = scope.ServiceProvider.GetRequiredService<Qalam.Storage.QalamDb>();
            var parent = await db.Set<Qalam.BlogPages.BlogPage>().SingleAsync(p => p.BlogId == blog.Id && p.Slug == "about");
            var created = await editor.CreateAsync(blog.Id, owner.Id, new Qalam.BlogPages.PageInput(language == "fa" ? "دربارهٔ این وبلاگ" : "About this blog",
                language == "fa" ? "این وبلاگ دربارهٔ **شعر** و Qalam است.\n\n- یک\n  - دو\n\n> نقل‌قول" : "This blog is about **poetry** and قلم.\n\n- one\n  - two\n\n> A quotation",
                language, "this-blog", true, parent.Id, 0), CancellationToken.None);
            Assert.IsType<Qalam.BlogPages.PageSave.Saved>(created);
            var labels = language == "fa" ? new[] { "خانه", "دربارهٔ این وبلاگ", "بایگانی", "آزمون‌ها" } : ["Home", "About this blog", "Archive", "The tests"];
            db.AddRange(
                new Qalam.Blogs.BlogMenuItem(blog.Id, 0, labels[0], Qalam.Blogs.MenuItemKind.Home, "", null),
                new Qalam.Blogs.BlogMenuItem(blog.Id, 1, labels[1], Qalam.Blogs.MenuItemKind.Page, "/pages/this-blog", ((Qalam.BlogPages.PageSave.Saved)created).Page.Id),
                new Qalam.Blogs.BlogMenuItem(blog.Id, 2, labels[2], Qalam.Blogs.MenuItemKind.Archive, "/archive", null),
                new Qalam.Blogs.BlogMenuItem(blog.Id, 3, labels[3], Qalam.Blogs.MenuItemKind.Page, "/pages/about", parent.Id));
            // Boxes as an owner would choose them: each theme shows them its own way.
            var about = language == "fa" ? "من **نگار** هستم؛ دربارهٔ شعر و Qalam می‌نویسم." : "I am **Negar**; I write about poetry and قلم.";
            var renderer = scope.ServiceProvider.GetRequiredService<MarkdownRenderer>();
            var kinds = new[] { Qalam.Blogs.BoxKind.About, Qalam.Blogs.BoxKind.Links, Qalam.Blogs.BoxKind.RecentPosts, Qalam.Blogs.BoxKind.RecentComments,
                Qalam.Blogs.BoxKind.Tags, Qalam.Blogs.BoxKind.Archive, Qalam.Blogs.BoxKind.Pages, Qalam.Blogs.BoxKind.Search, Qalam.Blogs.BoxKind.Subscribe };
            db.AddRange(kinds.Select((kind, i) => new Qalam.Blogs.BlogBox(blog.Id, i, kind, "",
                kind == Qalam.Blogs.BoxKind.About ? about : kind == Qalam.Blogs.BoxKind.Links ? "WordPress | https://wordpress.org/\nگنجور | https://ganjoor.net/" : "",
                kind == Qalam.Blogs.BoxKind.About ? renderer.Render(about).Html : "")));
            await db.SaveChangesAsync();
        }
        await using var browser = await BrowserSession.StartAsync(1280, 900);
        var page = await browser.Context.NewPageAsync();
        var dialogs = PageChecks.DismissDialogs(page);
        await served.SignInAsync(page, owner.Email!, language);
        var slugs = (await ExistingAsync(served.App, blog.Id, TortureSlugs)).Append(persian.Slug).ToList();
        Assert.Equal(3, slugs.Count);

        var saved = "quiet";
        foreach (var theme in Qalam.Blogs.BlogThemes.Names)
        {
            await page.SetViewportSizeAsync(1280, 900);
            await page.GotoAsync(served.Url($"/admin/{blog.Handle}/appearance"));
            await page.CheckAsync($"input[name='Form.Theme'][value={theme}]");
            await page.ClickAsync("button[formaction$='handler=Preview']");
            // The preview frames the owner's own blog in the chosen theme; readers still see the saved one.
            var frame = page.FrameLocator(".theme-preview iframe");
            await Assertions.Expect(frame.Locator($"html[data-theme={theme}]")).ToHaveCountAsync(1);
            Assert.Equal(saved, await ThemeOfHomeAsync(served, blog.Handle));
            await PageChecks.SaveAsync(page, $"appearance-preview-{theme}-{language}");
            Assert.True(await page.IsCheckedAsync($"input[name='Form.Theme'][value={theme}]"));
            await page.ClickAsync("form.panel > button[type=submit]:not([formaction])");
            await Assertions.Expect(page.Locator(".notice")).ToBeVisibleAsync();
            Assert.Equal(theme, await ThemeOfHomeAsync(served, blog.Handle));
            saved = theme;

            foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
            {
                await page.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = scheme });
                var suffix = $"{theme}-{scheme.ToString().ToLowerInvariant()}-{language}";
                // Dark is looked at on the home, the first torture post and the page (the colours are the same elsewhere).
                foreach (var (name, path) in slugs.Take(scheme == ColorScheme.Dark ? 1 : slugs.Count)
                    .Select((s, i) => ($"theme-post{i}-{suffix}", $"/{blog.Handle}/posts/{Uri.EscapeDataString(s)}"))
                    .Prepend(($"theme-home-{suffix}", $"/{blog.Handle}")).Append(($"theme-page-{suffix}", $"/{blog.Handle}/pages/this-blog")))
                {
                    await page.GotoAsync(served.Url(path));
                    Assert.Equal(theme, await page.GetAttributeAsync("html", "data-theme"));
                    await PageChecks.PhotographAsync(page, name, 1280, 390);
                    await PageChecks.AssertAccessibleAsync(page);
                }
            }
            await page.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = ColorScheme.Light });
        }

        // The owner fixes the scheme for everyone: a reader whose device prefers light gets dark.
        await page.GotoAsync(served.Url($"/admin/{blog.Handle}/appearance"));
        await page.CheckAsync("input[name='Form.Scheme'][value=Dark]");
        await page.ClickAsync("form.panel > button[type=submit]:not([formaction])");
        await page.GotoAsync(served.Url($"/{blog.Handle}"));
        Assert.Equal("dark", await page.EvaluateAsync<string>("getComputedStyle(document.documentElement).colorScheme"));
        Assert.Empty(dialogs);
    }

    [Fact]
    public async Task An_owner_adds_custom_CSS_sees_it_is_told_the_line_of_a_mistake_and_no_XSS_payload_runs()
    {
        await using var served = await ServedApp.StartAsync();
        var (blog, owner) = await served.App.Seed.BlogWithOwnerAsync("en");
        await served.App.Seed.PostAsync(blog, "A post to style");
        await using var browser = await BrowserSession.StartAsync(1280, 900);
        var page = await browser.Context.NewPageAsync();
        var dialogs = PageChecks.DismissDialogs(page);
        await served.SignInAsync(page, owner.Email!, "en");

        await page.GotoAsync(served.Url($"/admin/{blog.Handle}/appearance"));
        await page.FillAsync("#custom-css", ".blog-title a {\n  color: rgb(1, 2, 3);\n}\n.summary h2 { letter-spacing: 3px }");
        await page.ClickAsync("form.panel > button[type=submit]:not([formaction])");
        await Assertions.Expect(page.Locator(".notice")).ToBeVisibleAsync();
        await page.GotoAsync(served.Url($"/{blog.Handle}"));
        Assert.Equal("rgb(1, 2, 3)", await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('.blog-title a')).color"));
        Assert.Equal("3px", await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('.summary h2')).letterSpacing"));

        // A mistake is shown with its line, the text kept to mend; the blog keeps its saved sheet.
        await page.GotoAsync(served.Url($"/admin/{blog.Handle}/appearance"));
        await page.FillAsync("#custom-css", "p { color: red; }\n\nbody { background: url(https://tracker.example/pixel.png); }");
        await page.ClickAsync("form.panel > button[type=submit]:not([formaction])");
        Assert.StartsWith("Line 3:", (await page.TextContentAsync(".css-errors li"))!.Trim(), StringComparison.Ordinal);
        Assert.Contains("tracker.example", await page.InputValueAsync("#custom-css"), StringComparison.Ordinal);
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.PhotographAsync(page, "appearance-css-error-en", 1280, 390);

        // Every payload of the XSS lists that a sheet may hold goes through the form in one sheet; the blog's pages
        // run nothing and load nothing from elsewhere.
        var sheet = "";
        foreach (var css in Repo.XssPayloads()
            .SelectMany(p => new[] { $"p::after {{ content: \"{p.Replace("\"", "", StringComparison.Ordinal).Replace("\\", "", StringComparison.Ordinal)}\"; }}", $"p {{ background: {p}; }}" }))
        {
            // Each piece is kept only if the sheet with it is still accepted (a broken piece can spoil what follows).
            if (CustomCss.Filter(sheet + "\n" + css, blog.Handle).Accepted)
            {
                sheet += "\n" + css;
            }
        }
        Assert.True(sheet.Length > 1000, string.Join("\n", CustomCss.Filter(sheet + "\np { background: x; }", blog.Handle).Problems) + "\n" + sheet);
        await page.FillAsync("#custom-css", sheet);
        await page.ClickAsync("form.panel > button[type=submit]:not([formaction])");
        await Assertions.Expect(page.Locator(".notice")).ToBeVisibleAsync();
        browser.OutsideRequests.Clear();
        await page.GotoAsync(served.Url($"/{blog.Handle}"));
        await page.GotoAsync(served.Url($"/{blog.Handle}/archive"));
        Assert.Empty(dialogs);
        Assert.Empty(browser.OutsideRequests);
    }

    // The owner writes a page and puts it in the menu with the forms; on a phone the menu wraps (no sideways
    // scrolling) and the keyboard reaches every link.
    [Fact]
    public async Task An_owner_writes_a_page_and_a_menu_and_a_reader_on_a_phone_reaches_it_by_keyboard()
    {
        await using var served = await ServedApp.StartAsync();
        var (blog, owner) = await served.App.Seed.BlogWithOwnerAsync("fa");
        await served.App.Seed.PostAsync(blog, "نوشته‌ای برای فهرست", tags: ["شعر"]);
        await using var browser = await BrowserSession.StartAsync(1280, 900);
        var page = await browser.Context.NewPageAsync();
        var dialogs = PageChecks.DismissDialogs(page);
        await served.SignInAsync(page, owner.Email!, "fa");

        await page.GotoAsync(served.Url($"/admin/{blog.Handle}/pages/new"));
        await page.FillAsync("#title", "دربارهٔ من");
        await page.FillAsync("#body", "من **نگار** هستم و با Qalam می‌نویسم. I write in English too.");
        await page.ClickAsync("button[name=action][value=preview]");
        Assert.Equal("نگار", (await page.TextContentAsync(".page-preview strong"))?.Trim());
        await page.ClickAsync("form.panel .actions button:not([name])");
        await Assertions.Expect(page.Locator(".notice")).ToBeVisibleAsync();
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.PhotographAsync(page, "admin-pages-fa", 1280, 390);

        await page.SetViewportSizeAsync(1280, 900);
        await page.GotoAsync(served.Url($"/admin/{blog.Handle}/menu"));
        var labels = new[] { "خانه", "دربارهٔ من", "شعرها", "بایگانی نوشته‌ها", "کتاب‌هایی که این روزها می‌خوانم", "GitHub" };
        var links = new[] { "home", null, "tag:شعر", "archive", "archive", "address" };
        for (var i = 0; i < 3; i++)
        {
            await page.FillAsync($"#label-{i}", labels[i]);
        }
        await page.SelectOptionAsync("#link-0", "home");
        await page.SelectOptionAsync("#link-1", new SelectOptionValue { Label = "دربارهٔ من" });
        await page.SelectOptionAsync("#link-2", "tag:شعر");
        await page.ClickAsync("form.menu-form > button[type=submit]");
        await Assertions.Expect(page.Locator(".notice")).ToBeVisibleAsync();
        // Saving gives fresh empty rows for more links.
        for (var i = 3; i < labels.Length; i++)
        {
            await page.FillAsync($"#label-{i}", labels[i]);
            await page.SelectOptionAsync($"#link-{i}", links[i]!);
        }
        await page.FillAsync("#address-5", "javascript:alert(1)");
        await page.ClickAsync("form.menu-form > button[type=submit]");
        Assert.Contains("javascript", (await page.TextContentAsync(".menu-row.invalid .field-error"))!, StringComparison.Ordinal);
        await page.FillAsync("#address-5", "https://github.com/example");
        await page.ClickAsync("form.menu-form > button[type=submit]");
        await Assertions.Expect(page.Locator(".notice")).ToBeVisibleAsync();
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.PhotographAsync(page, "admin-menu-fa", 1280, 390);

        // A reader on a phone: the menu wraps inside the screen, and Tab walks through its links in order.
        var reader = await browser.Context.Browser!.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 900 } });
        var phone = await reader.NewPageAsync();
        foreach (var theme in Qalam.Blogs.BlogThemes.Names)
        {
            await using (var scope = served.App.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<Qalam.Storage.QalamDb>();
                (await db.Set<Qalam.Blogs.Blog>().SingleAsync(b => b.Id == blog.Id)).Theme = theme;
                await db.SaveChangesAsync();
            }
            await phone.GotoAsync(served.Url($"/{blog.Handle}"));
            await phone.ClickAsync("nav.blog-menu a >> nth=1");
            Assert.Equal("دربارهٔ من", (await phone.TextContentAsync("h1"))?.Trim());
            Assert.Equal("page", await phone.GetAttributeAsync("nav.blog-menu a >> nth=1", "aria-current"));
            Assert.Equal(theme, await phone.GetAttributeAsync("html", "data-theme"));
            Assert.Equal(labels, (await phone.Locator("nav.blog-menu a").AllTextContentsAsync()).Select(t => t.Trim()).ToArray());
            await PageChecks.PhotographAsync(phone, $"menu-{theme}-fa", 390);
            await PageChecks.AssertAccessibleAsync(phone);
            var reached = new List<string>();
            for (var i = 0; i < 12 && reached.Count < labels.Length; i++)
            {
                await phone.Keyboard.PressAsync("Tab");
                if (await phone.EvaluateAsync<bool>("!!document.activeElement.closest('nav.blog-menu')"))
                {
                    reached.Add((await phone.EvaluateAsync<string>("document.activeElement.textContent")).Trim());
                }
            }
            Assert.Equal(labels, reached);
        }
        Assert.Empty(dialogs);
    }

    private static async Task<string?> ThemeOfHomeAsync(ServedApp served, string handle) =>
        Html.Parse(await served.App.Reader().GetStringAsync($"/{handle}")).DocumentElement.GetAttribute("data-theme");

    private static async Task ImportThemeUnitTestAsync(QalamApp app, int blogId)
    {
        using var scope = app.Services.CreateScope();
        await using var stream = File.OpenRead(Repo.SharedTestData("wordpress", "themeunittestdata.wordpress.xml"));
        await scope.ServiceProvider.GetRequiredService<Qalam.Import.WordPressImporter>().ImportAsync(blogId, stream, null, CancellationToken.None);
    }

    private static async Task<List<string>> ExistingAsync(QalamApp app, int blogId, string[] slugs)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<Qalam.Storage.QalamDb>().Posts
            .Where(p => p.BlogId == blogId && slugs.Contains(p.Slug)).Select(p => p.Slug).ToListAsync();
    }
}
