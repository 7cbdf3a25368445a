using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Qalam.Posts;
using Qalam.Storage;

namespace Qalam.Tests.Posts;

// The writer's desk in Debian's Chromium, in each admin language on a blog of that language: a mixed Persian and
// English post written in the Markdown mode and in the visual mode, with an image dragged in and one pasted (each
// uploaded to the blog's media and inserted with the alt text the writer gives), the server's preview, and a post
// scheduled with the blog's own calendar's picker that goes live at that time.
[Trait("Kind", "Browser")]
public sealed class EditorInBrowserTests
{
    // A 64×40 two-colour PNG, so that a screenshot shows where it landed.
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAEAAAAAoCAIAAADBrGu+AAABOElEQVR4nO3PkVoDABhG4UEQBIMgGATBB4MgCIIgGARBsOc8wSAIgkEQBEEQBMEgCAaDIAgGgyAIDgwGQRAEQTAIgiDoHuL/vYO3YQMXcBGXsInLuIItXMU1DLZxHTdwE7dwG3ewg7u4h/vYxQPs4SEe4TH28QRP8QzP8QIv8QqvcYA3eItDHOEd3uMDjnGCj/iEzyhOcYYv+Ipv+I4f+Ilz/MJv/MFfGhWoQAUqUIEKVKACFahABSpQgQr8M5AGWSCLZIk0yTJZIS2yStZISJuskw2ySbbINtkhHbJL9sg+6ZID0iOH5Igckz45IafkjJyTC3JJrsg1GZAbckuGZETuyD15IGMyIY/kiTwTyZTMyAt5JW/knXyQTzInX+Sb/JAKVKACFahABSpQgQpUoAIVqEAF/h34AwWEIMRY3epzAAAAAElFTkSuQmCC");

    private const string Editor = ".toastui-editor-defaultUI";
    private const string MarkdownArea = ".toastui-editor-md-container .ProseMirror";
    private const string VisualArea = ".toastui-editor-ww-container .ProseMirror";

    [Theory]
    [InlineData("fa")]
    [InlineData("en")]
    public async Task A_writer_mixes_languages_in_both_modes_adds_dragged_and_pasted_images_previews_and_schedules(string language)
    {
        await using var served = await ServedApp.StartAsync();
        var (blog, owner) = await served.App.Seed.BlogWithOwnerAsync(language);
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.Context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") { errors.Add(message.Text); } };
        page.PageError += (_, error) => errors.Add(error);
        await SignInAsync(page, served, owner.Email!, language);

        await page.GotoAsync(served.Url($"/admin/{blog.Handle}/posts/new"));
        await page.WaitForSelectorAsync(Editor);
        // The component speaks the admin's language.
        var boldLabel = await page.GetAttributeAsync(".toastui-editor-toolbar-icons.bold", "aria-label");
        Assert.Equal(language == "fa" ? "پررنگ" : "Bold", boldLabel);

        // Markdown mode: a Persian line and an English line, each laid out in its own direction.
        await page.FillAsync("#title", language == "fa" ? "یادداشتی دوزبانه" : "A note in two languages");
        await page.ClickAsync(MarkdownArea);
        await page.Keyboard.TypeAsync("این خط فارسی است و از Qalam می‌گوید.");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.TypeAsync("This English line mentions قلم once.");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("Enter");
        var sides = await page.EvaluateAsync<string[]>(@"[...document.querySelectorAll('.toastui-editor-md-container .ProseMirror > div')]
            .filter(line => line.textContent.trim() !== '')
            .map(line => { const box = line.getBoundingClientRect(); const range = document.createRange(); range.selectNodeContents(line);
                           const text = range.getBoundingClientRect();
                           return (text.right > box.right - 8) ? 'right' : (text.left < box.left + 8 ? 'left' : 'middle'); })");
        Assert.Equal(["right", "left"], sides);

        // An image dragged in from the desktop: the writer is asked what it shows, then it is uploaded and inserted.
        await DropImageAsync(page, MarkdownArea, "drop", "yalda-night.png");
        await AnswerAltAsync(page, language == "fa" ? "سفرهٔ شب یلدا" : "The Yalda night table");
        await Assertions.Expect(page.Locator("#body")).ToHaveValueAsync(new Regex(@"\]\(/media/"));
        Assert.Contains(language == "fa" ? "![سفرهٔ شب یلدا](/media/" + blog.Handle + "/" : "![The Yalda night table](/media/" + blog.Handle + "/",
            await page.InputValueAsync("#body"), StringComparison.Ordinal);
        Assert.Contains("yalda-night.png", await page.InnerTextAsync("#upload-status"), StringComparison.Ordinal);
        await page.ClickAsync(MarkdownArea);
        await page.Keyboard.PressAsync("Control+End");
        // In the Markdown mode the component takes a paste in its off-screen clipboard field (it moves the focus there
        // on Ctrl+V); the paste arrives there.
        await DropImageAsync(page, ".toastui-editor-pseudo-clipboard", "paste", "screenshot.png");
        await AnswerAltAsync(page, language == "fa" ? "صفحهٔ نخست قلم" : "Qalam's front page");
        await Assertions.Expect(page.Locator("#body")).ToHaveValueAsync(new Regex(@"\]\(/media/[\s\S]*\]\(/media/"));
        await PageChecks.PhotographAsync(page, $"editor-markdown-{language}");
        await page.SetViewportSizeAsync(1280, 900);

        // The visual mode: remembered, and its paragraphs take their own direction too; an image pasted in.
        await page.ClickAsync(".toastui-editor-mode-switch .tab-item:not(.active)");
        await page.WaitForSelectorAsync(VisualArea + " img[src*='/media/']");
        await page.ClickAsync(VisualArea + " p:last-of-type");
        await page.Keyboard.PressAsync("End");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.TypeAsync(language == "fa" ? "بند دیداری با کلمهٔ Markdown در میانش." : "A visual paragraph with the word فارسی in it.");
        await DropImageAsync(page, VisualArea, "paste", "pasted.png");
        await AnswerAltAsync(page, language == "fa" ? "نمودار بازدیدها" : "A chart of visits");
        await DropImageAsync(page, VisualArea, "drop", "dragged.png");
        await AnswerAltAsync(page, language == "fa" ? "انار و هندوانه" : "Pomegranates and a watermelon");
        // Two uploads, each resized into its copies on the server: on a busy machine (the whole suite on two cores) they
        // took longer than the default five seconds once.
        await Assertions.Expect(page.Locator("#body")).ToHaveValueAsync(new Regex(@"(\]\(/media/[\s\S]*){4}"), new() { Timeout = 30_000 });
        var markdown = await page.InputValueAsync("#body");
        Assert.Contains(language == "fa" ? "![نمودار بازدیدها](/media/" : "![A chart of visits](/media/", markdown, StringComparison.Ordinal);
        Assert.Contains("This English line mentions قلم once.", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("<", markdown, StringComparison.Ordinal);
        await PageChecks.PhotographAsync(page, $"editor-visual-{language}");
        await page.SetViewportSizeAsync(1280, 900);
        await page.ReloadAsync();
        await page.WaitForSelectorAsync(VisualArea);
        Assert.Equal("wysiwyg", await page.EvaluateAsync<string>("localStorage.getItem('qalam-editor-mode')"));

        // The preview is the server's rendering, beside the editor, in the post's direction.
        await page.ClickAsync("button[value=preview]");
        await page.WaitForSelectorAsync("#live-preview .post-body img[alt]");
        Assert.True(await page.Locator("#live-preview .post-body img").CountAsync() == 4,
            await page.InputValueAsync("#body") + "\n---\n" + await page.InnerHTMLAsync("#live-preview .post-body"));
        Assert.Contains("Qalam", await page.InnerTextAsync("#live-preview .post-body"), StringComparison.Ordinal);
        Assert.Equal(language == "fa" ? "rtl" : "ltr", await page.GetAttributeAsync("#live-preview article", "dir"));
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.PhotographAsync(page, $"editor-preview-{language}");
        await page.SetViewportSizeAsync(1280, 900);

        // A featured image uploaded from its own field: asked for its alt text like the others, then chosen.
        await page.SetInputFilesAsync("#featured-file", new FilePayload { Name = "cover.png", MimeType = "image/png", Buffer = Media.TestImages.Png(1200, 600) });
        await AnswerAltAsync(page, language == "fa" ? "کاشی‌های آبی" : "Blue tiles");
        await Assertions.Expect(page.Locator(".featured-choices input:checked + img")).ToHaveAttributeAsync("alt", language == "fa" ? "کاشی‌های آبی" : "Blue tiles");
        await PageChecks.PhotographAsync(page, $"editor-featured-{language}");
        await page.SetViewportSizeAsync(1280, 900);

        // Schedule for tomorrow at 09:30 in the blog's calendar, with the picker the blog's calendar has.
        var zone = TimeZoneInfo.FindSystemTimeZoneById(blog.TimeZoneId);
        var tomorrow = TimeZoneInfo.ConvertTime(served.App.Time.GetUtcNow(), zone).Date.AddDays(1);
        var at = tomorrow.AddHours(9).AddMinutes(30);
        if (language == "fa")
        {
            await ChooseJalaliAsync(page, at);
        }
        else
        {
            await page.FillAsync("#publish-at", at.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        }
        await page.ClickAsync("button[value=schedule]");
        await page.WaitForSelectorAsync(".badge.scheduled");
        string slug;
        using (var scope = served.App.Services.CreateScope())
        {
            var post = await scope.ServiceProvider.GetRequiredService<QalamDb>().Set<Post>().SingleAsync(p => p.BlogId == blog.Id);
            Assert.Equal(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(at, DateTimeKind.Unspecified), zone), post.PublishedAt);
            Assert.Contains("](/media/", post.BodyMarkdown, StringComparison.Ordinal);
            Assert.Equal(language == "fa" ? "کاشی‌های آبی" : "Blue tiles", post.FeaturedImageAlt);
            slug = post.Slug;
        }
        // The field shows the time back in the blog's calendar (in Latin digits, which the picker reads back).
        var shown = await page.InputValueAsync("#publish-at");
        Assert.Equal(language == "fa" ? JalaliText(at) : at.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture), shown);
        await page.GotoAsync(served.Url($"/{blog.Handle}"));
        Assert.DoesNotContain(language == "fa" ? "یادداشتی دوزبانه" : "A note in two languages", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        served.App.Time.SetUtcNow(new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(at, DateTimeKind.Unspecified), zone)).AddMinutes(1));
        await page.GotoAsync(served.Url($"/{blog.Handle}"));
        Assert.Contains(language == "fa" ? "یادداشتی دوزبانه" : "A note in two languages", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        // The featured image beside the post in the list, and above it on its page.
        await Assertions.Expect(page.Locator(".summary-image img")).ToHaveCountAsync(1);
        await PageChecks.PhotographAsync(page, $"home-featured-{language}");
        await page.SetViewportSizeAsync(1280, 900);
        await page.GotoAsync(served.Url($"/{blog.Handle}/posts/{Uri.EscapeDataString(slug)}"));
        Assert.True(await page.EvaluateAsync<bool>("document.querySelector('figure.featured-image img').naturalWidth > 0"));
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.PhotographAsync(page, $"post-featured-{language}");

        // The images arrived in the media library with the alt text the writer gave, each with the post that shows it.
        await page.SetViewportSizeAsync(1280, 900);
        await page.GotoAsync(served.Url($"/admin/{blog.Handle}/media"));
        Assert.Contains(language == "fa" ? "سفرهٔ شب یلدا" : "The Yalda night table",
            await page.EvaluateAsync<string>("[...document.querySelectorAll('.media-grid input[name=alt]')].map(i => i.value).join('|')"), StringComparison.Ordinal);
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.PhotographAsync(page, $"media-library-{language}");

        Assert.True(errors.Count == 0, string.Join("\n", errors));
        Assert.Empty(browser.OutsideRequests);
    }

    // On a Persian keyboard Ctrl+B and Ctrl+I arrive with the letters ذ and ه as their keys (the physical keys B and
    // I): the shortcuts follow the physical key, as they do with an English layout. Sent through the browser's own
    // input pipeline (CDP Input.dispatchKeyEvent), as the operating system would.
    [Theory]
    [InlineData("markdown")]
    [InlineData("wysiwyg")]
    public async Task Shortcuts_work_with_a_Persian_keyboard_layout(string mode)
    {
        await using var served = await ServedApp.StartAsync();
        var (blog, owner) = await served.App.Seed.BlogWithOwnerAsync("fa");
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.Context.NewPageAsync();
        await SignInAsync(page, served, owner.Email!, "fa");
        await page.GotoAsync(served.Url($"/admin/{blog.Handle}/posts/new"));
        await page.EvaluateAsync("mode => localStorage.setItem('qalam-editor-mode', mode)", mode);
        await page.ReloadAsync();
        var area = mode == "markdown" ? MarkdownArea : VisualArea;
        await page.ClickAsync(area);
        await page.Keyboard.TypeAsync("واژه");
        var cdp = await browser.Context.NewCDPSessionAsync(page);
        async Task PressAsync(string key, string code, int virtualKey)
        {
            // Modifier 2 is Control.
            foreach (var type in new[] { "rawKeyDown", "keyUp" })
            {
                await cdp.SendAsync("Input.dispatchKeyEvent", new Dictionary<string, object>
                {
                    ["type"] = type, ["modifiers"] = 2, ["key"] = key, ["code"] = code, ["windowsVirtualKeyCode"] = virtualKey,
                });
            }
        }
        await PressAsync("ش", "KeyA", 65);
        await PressAsync("ذ", "KeyB", 66);
        await Assertions.Expect(page.Locator("#body")).ToHaveValueAsync(new Regex(Regex.Escape("**واژه**")));
        Assert.DoesNotContain("ذ", await page.InputValueAsync("#body"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_upload_says_why_and_inserts_nothing()
    {
        await using var served = await ServedApp.StartAsync();
        var (blog, owner) = await served.App.Seed.BlogWithOwnerAsync("en");
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.Context.NewPageAsync();
        await SignInAsync(page, served, owner.Email!, "en");
        await page.GotoAsync(served.Url($"/admin/{blog.Handle}/posts/new"));
        await page.WaitForSelectorAsync(Editor);
        await page.ClickAsync(MarkdownArea);
        await page.Keyboard.TypeAsync("Before the picture.");

        // HTML dressed as a PNG: the browser believes the name, the server reads the bytes.
        await page.EvaluateAsync(@"([selector]) => {
            const data = new DataTransfer();
            data.items.add(new File(['<html><script>alert(1)</script></html>'], 'evil.png', { type: 'image/png' }));
            document.querySelector(selector).dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
        }", new[] { MarkdownArea });
        await AnswerAltAsync(page, "Not really a picture");
        await Assertions.Expect(page.Locator("#upload-status")).ToContainTextAsync("was not uploaded");
        Assert.Contains("evil.png was not uploaded", await page.InnerTextAsync("#upload-status"), StringComparison.Ordinal);
        Assert.Equal("Before the picture.", (await page.InputValueAsync("#body")).Trim());

        // Cancelling the question inserts nothing and uploads nothing.
        await DropImageAsync(page, MarkdownArea, "drop", "kept-back.png");
        await page.WaitForSelectorAsync("#alt-dialog[open]");
        await page.ClickAsync("#alt-dialog button[value=cancel]");
        await page.WaitForSelectorAsync("#alt-dialog", new() { State = WaitForSelectorState.Hidden });
        Assert.Equal("Before the picture.", (await page.InputValueAsync("#body")).Trim());
        using var scope = served.App.Services.CreateScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<QalamDb>().Set<Qalam.Media.MediaFile>().CountAsync(m => m.BlogId == blog.Id));
    }

    // A blog's authors are strangers to each other: what one writes must not run in the browser of the owner who
    // opens it, in either mode of the editor or in its preview.
    [Fact]
    public async Task No_payload_from_the_XSS_lists_runs_in_the_editor_of_the_person_who_opens_the_post()
    {
        var payloads = Repo.XssPayloads();
        await using var served = await ServedApp.StartAsync();
        var (blog, owner) = await served.App.Seed.BlogWithOwnerAsync("en");
        var posts = new List<int>();
        foreach (var chunk in payloads.Chunk(60))
        {
            posts.Add((await served.App.Seed.PostAsync(blog, "Payloads", string.Join("\n\n", chunk))).Id);
        }
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.Context.NewPageAsync();
        var dialogs = PageChecks.DismissDialogs(page);
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        await SignInAsync(page, served, owner.Email!, "en");
        var fellBack = 0;
        foreach (var mode in new[] { "markdown", "wysiwyg" })
        {
            foreach (var id in posts)
            {
                await page.GotoAsync(served.Url($"/admin/{blog.Handle}/posts/{id}"));
                await page.EvaluateAsync("mode => localStorage.setItem('qalam-editor-mode', mode)", mode);
                await page.ReloadAsync();
                // A text the visual mode cannot show opens in the Markdown mode and says so.
                await page.WaitForSelectorAsync(".toastui-editor-main .ProseMirror >> visible=true");
                if (mode == "wysiwyg" && await page.IsHiddenAsync(VisualArea))
                {
                    Assert.Contains("cannot show this text", await page.InnerTextAsync("#upload-status"), StringComparison.Ordinal);
                    fellBack++;
                }
                Assert.True(errors.Count == 0, $"{mode} {id}: {string.Join("\n", errors)}");
                await page.ClickAsync("button[value=preview]");
                await page.WaitForSelectorAsync("#live-preview .post-body > *", new() { State = WaitForSelectorState.Attached });
                var dangerous = await page.EvaluateAsync<string[]>("""
                    [...document.querySelectorAll('.rich-editor *, #live-preview *')].flatMap(el => [...el.attributes]
                        .filter(a => a.name.startsWith('on') || /^\s*(javascript|vbscript|data:text)/i.test(a.value) && ['href','src','action','formaction','xlink:href'].includes(a.name))
                        .map(a => el.tagName + ' ' + a.name + '=' + a.value))
                    .concat([...document.querySelectorAll('.rich-editor script, #live-preview script, .rich-editor iframe, #live-preview iframe')]
                        .map(s => s.tagName + ' ' + s.outerHTML.slice(0, 80)))
                    """);
                Assert.True(dangerous.Length == 0, $"{mode} {id}: {string.Join(" | ", dangerous)}");
            }
        }
        Assert.Empty(dialogs);
        Assert.Empty(browser.OutsideRequests);
        Assert.True(fellBack < posts.Count, "the visual mode opened none of the texts");
    }

    private static Task SignInAsync(IPage page, ServedApp served, string email, string language) => served.SignInAsync(page, email, language);

    // What the operating system hands the page when a file is dropped on it or pasted into it.
    private static async Task DropImageAsync(IPage page, string selector, string how, string name) =>
        await page.EvaluateAsync(@"([selector, how, name, base64]) => {
            const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
            const data = new DataTransfer();
            data.items.add(new File([bytes], name, { type: 'image/png' }));
            const target = document.querySelector(selector);
            const event = how === 'drop'
                ? new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true })
                : new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
            target.dispatchEvent(event);
        }", new[] { selector, how, name, Convert.ToBase64String(Png) });

    private static async Task AnswerAltAsync(IPage page, string alt)
    {
        await page.WaitForSelectorAsync("#alt-dialog[open]");
        // An empty answer is not taken: the question stays, saying what it needs.
        await page.ClickAsync("#alt-dialog button[value=insert]");
        Assert.True(await page.IsVisibleAsync("#alt-error"));
        await page.FillAsync("#alt-text", alt);
        await page.ClickAsync("#alt-dialog button[value=insert]");
        await page.WaitForSelectorAsync("#alt-dialog", new() { State = WaitForSelectorState.Hidden });
    }

    // Opens the picker from the empty field, moves to the month if needed, clicks the day and sets the time.
    private static async Task ChooseJalaliAsync(IPage page, DateTime at)
    {
        var persian = new PersianCalendar();
        await page.FillAsync("#publish-at", "");
        await page.ClickAsync("#publish-at");
        await page.WaitForSelectorAsync("jdp-container .jdp-day");
        var month = persian.GetMonth(at);
        await page.SelectOptionAsync("jdp-container .jdp-months select", new SelectOptionValue { Value = month.ToString(CultureInfo.InvariantCulture) });
        var day = Qalam.Localization.Numerals.ToPersianDigits(persian.GetDayOfMonth(at).ToString(CultureInfo.InvariantCulture));
        await page.Locator("jdp-container .jdp-day:not(.not-in-month)").GetByText(day, new() { Exact = true }).ClickAsync();
        if (await page.IsHiddenAsync("jdp-container"))
        {
            await page.ClickAsync("#publish-at");
        }
        var selects = page.Locator("jdp-container .jdp-time select");
        // One list of hours (0–23) and one of minutes (0–59), labelled in Persian digits.
        var hours = await selects.Nth(0).Locator("option").CountAsync() == 24 ? selects.Nth(0) : selects.Nth(1);
        var minutes = await selects.Nth(0).Locator("option").CountAsync() == 24 ? selects.Nth(1) : selects.Nth(0);
        await hours.SelectOptionAsync(new SelectOptionValue { Index = at.Hour });
        await minutes.SelectOptionAsync(new SelectOptionValue { Index = at.Minute });
        await PageChecks.SaveAsync(page, "editor-jalali-picker-fa-1280");
        await page.ClickAsync("h1");
    }

    private static string JalaliText(DateTime at)
    {
        var persian = new PersianCalendar();
        return string.Create(CultureInfo.InvariantCulture,
            $"{persian.GetYear(at):0000}/{persian.GetMonth(at):00}/{persian.GetDayOfMonth(at):00} {at:HH:mm}");
    }
}
