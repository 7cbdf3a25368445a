using System.Text.Json;
using Microsoft.Playwright;

namespace Qalam.Tests.Browser;

// The sign-up page in Chromium: the handle is checked as it is typed, the page is accessible, and it fits a phone.
public sealed class SignupInBrowserTests
{
    [Theory]
    [InlineData("fa")]
    [InlineData("en")]
    public async Task The_sign_up_page_checks_the_handle_while_typing_and_reads_well_in_both_directions(string language)
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
        Assert.Empty(errors);
        Assert.Empty(browser.OutsideRequests);
    }
}
