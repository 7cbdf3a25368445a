using System.Text.Json;
using Microsoft.Playwright;

namespace Qalam.Tests.Browser;

// Sign-up in Chromium: the handle is checked as it is typed, the page is accessible and fits a phone, and a stranger
// goes from the form through the mailed link to a first published post.
public sealed class SignupInBrowserTests
{
    [Theory]
    [InlineData("fa")]
    [InlineData("en")]
    public async Task A_stranger_signs_up_in_the_browser_confirms_and_publishes_a_first_post(string language)
    {
        await using var mail = TestMailServer.Start();
        await using var served = await ServedApp.StartAsync(settings: mail.Settings);
        var taken = await served.App.Seed.BlogAsync(language);
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.Context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);

        await page.GotoAsync(served.Url($"/signup?culture={language}&ui-culture={language}"));
        Assert.Equal(language == "fa" ? "rtl" : "ltr", await page.GetAttributeAsync("html", "dir"));
        await page.FillAsync("#handle", taken.Handle);
        await page.WaitForSelectorAsync("#handle-status.taken");
        Assert.Equal(language == "fa" ? "این نشانی پیش‌تر گرفته شده است." : "This address is already taken.", await page.InnerTextAsync("#handle-status"));
        await page.FillAsync("#handle", "free-" + Guid.NewGuid().ToString("N")[..6]);
        await page.WaitForSelectorAsync("#handle-status.ok");
        await page.FillAsync("#email", "someone@example.org");
        await page.FillAsync("#title", language == "fa" ? "دفتر تازه" : "A new notebook");

        var axe = await File.ReadAllTextAsync(Repo.Path("tests", "Qalam.Tests", "node_modules", "axe-core", "axe.min.js"));
        await page.EvaluateAsync(axe);
        var violations = await page.EvaluateAsync<JsonElement>(
            "axe.run(document, { resultTypes: ['violations'] }).then(r => r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => v.id + ' ' + v.nodes.map(n => n.target.join(' ')).join(', ')))");
        Assert.True(violations.GetArrayLength() == 0, violations.ToString());

        var folder = Directory.CreateDirectory(Repo.Path("artifacts", "screenshots"));
        foreach (var width in new[] { 1280, 390 })
        {
            await page.SetViewportSizeAsync(width, 900);
            await page.EvaluateAsync("document.fonts.ready");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder.FullName, $"signup-{language}-{width}.png"), FullPage = true });
            var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Assert.True(overflow <= 0, $"the sign-up page scrolls sideways by {overflow}px at {width}px");
        }

        // Sign up, confirm from the mail, and publish a first post, as a person would.
        var handle = "b" + Guid.NewGuid().ToString("N")[..8];
        var email = $"{handle}@example.org";
        await page.SetViewportSizeAsync(1280, 900);
        await page.FillAsync("#handle", handle);
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", "a long enough passphrase");
        await page.ClickAsync("form.panel button[type=submit]");
        await page.WaitForSelectorAsync(".notice");
        var link = (await mail.WaitForAsync(email))[0].TextBody!.Split('\n').Select(l => l.Trim()).Single(l => l.Contains("/signup/confirm?", StringComparison.Ordinal));
        await page.GotoAsync(served.Url(new Uri(link).PathAndQuery));
        foreach (var width in new[] { 390, 1280 })
        {
            await page.SetViewportSizeAsync(width, 900);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder.FullName, $"signup-confirm-{language}-{width}.png"), FullPage = true });
        }
        await page.ClickAsync("form.panel button[type=submit]");
        await page.WaitForURLAsync($"**/admin/{handle}/posts/new?welcome=1");
        await page.WaitForSelectorAsync(".EasyMDEContainer .CodeMirror");
        var title = language == "fa" ? "نخستین نوشته" : "First words";
        await page.FillAsync("#title", title);
        await page.ClickAsync(".CodeMirror");
        await page.Keyboard.TypeAsync(language == "fa" ? "سلام به همه." : "Hello, everyone.");
        await page.ClickAsync("button[value=publish]");
        await page.WaitForSelectorAsync(".notice");
        await page.GotoAsync(served.Url($"/{handle}"));
        Assert.Contains(title, await page.TextContentAsync("main"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder.FullName, $"signup-first-post-{language}-1280.png"), FullPage = true });

        Assert.Empty(errors);
        Assert.Empty(browser.OutsideRequests);
    }
}
