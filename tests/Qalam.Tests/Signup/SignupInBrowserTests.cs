
namespace Qalam.Tests.Signup;

// Sign-up in Chromium: the handle is checked as it is typed, the page is accessible and fits a phone, and a stranger
// goes from the form through the mailed link to a first published post.
[Trait("Kind", "Browser")]
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

        // The way in is the install's front page: it says what the service is and offers a blog of one's own, in the
        // language the visitor's browser asks for.
        await page.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { ["Accept-Language"] = language });
        await page.GotoAsync(served.Url("/"));
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.PhotographAsync(page, $"front-door-open-{language}");
        await page.ClickAsync(".front-actions a[href='/signup']");
        await page.WaitForURLAsync("**/signup");
        Assert.Equal(language == "fa" ? "rtl" : "ltr", await page.GetAttributeAsync("html", "dir"));
        await page.FillAsync("#handle", taken.Handle);
        await page.WaitForSelectorAsync("#handle-status.taken");
        Assert.Equal(language == "fa" ? "این نشانی پیش‌تر گرفته شده است." : "This address is already taken.", await page.InnerTextAsync("#handle-status"));
        await page.FillAsync("#handle", "free-" + Guid.NewGuid().ToString("N")[..6]);
        await page.WaitForSelectorAsync("#handle-status.ok");
        await page.FillAsync("#email", "someone@example.org");
        await page.FillAsync("#title", language == "fa" ? "دفتر تازه" : "A new notebook");

        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.PhotographAsync(page, $"signup-{language}");

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
        await PageChecks.PhotographAsync(page, $"signup-confirm-{language}", 390, 1280);
        await page.ClickAsync("form.panel button[type=submit]");
        await page.WaitForURLAsync($"**/admin/{handle}/posts/new?welcome=1");
        await page.WaitForSelectorAsync(".toastui-editor-defaultUI");
        var title = language == "fa" ? "نخستین نوشته" : "First words";
        await page.FillAsync("#title", title);
        await page.ClickAsync(".toastui-editor-md-container .ProseMirror");
        await page.Keyboard.TypeAsync(language == "fa" ? "سلام به همه." : "Hello, everyone.");
        await page.ClickAsync("button[value=publish]");
        await page.WaitForSelectorAsync(".notice");
        await page.GotoAsync(served.Url($"/{handle}"));
        Assert.Contains(title, await page.TextContentAsync("main"));
        await PageChecks.PhotographAsync(page, $"signup-first-post-{language}", 1280);

        Assert.Empty(errors);
        Assert.Empty(browser.OutsideRequests);
    }

    // A default install (no mail configured) does not take sign-ups: the front page offers only "sign in", and the
    // sign-up page says so plainly, without success styling, with a way onward and what an operator would set.
    [Theory]
    [InlineData("fa")]
    [InlineData("en")]
    public async Task Where_sign_up_is_closed_the_front_page_and_the_sign_up_page_say_so_plainly(string language)
    {
        await using var served = await ServedApp.StartAsync(sampleContent: true);
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.Context.NewPageAsync();
        await page.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { ["Accept-Language"] = language });

        await page.GotoAsync(served.Url("/"));
        Assert.Equal(0, await page.Locator(".front-actions a[href='/signup']").CountAsync());
        Assert.Equal(1, await page.Locator(".front-actions a[href='/admin/signin']").CountAsync());
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.PhotographAsync(page, $"front-door-closed-{language}");

        await page.GotoAsync(served.Url("/signup"));
        Assert.Equal(language == "fa" ? "rtl" : "ltr", await page.GetAttributeAsync("html", "dir"));
        Assert.True(await page.IsVisibleAsync(".signup-closed"));
        Assert.Equal(0, await page.Locator(".notice, form.panel").CountAsync());
        Assert.Equal("Mail:Host", await page.InnerTextAsync(".signup-closed .hint code"));
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.PhotographAsync(page, $"signup-closed-{language}");
        Assert.Empty(browser.OutsideRequests);
    }
}
