using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MimeKit;

namespace Qalam.Tests.Subscriptions;

// A reader in Debian's Chromium, on a Persian and on an English blog: subscribes from the box under the posts,
// confirms from the mailed link, receives the next post (its HTML mail rendered and photographed too), and leaves
// with the one-click unsubscribe a mail program sends.
[Trait("Kind", "Browser")]
public sealed partial class SubscriptionInBrowserTests
{
    [Theory]
    [InlineData("fa")]
    [InlineData("en")]
    public async Task A_reader_subscribes_confirms_receives_a_post_and_unsubscribes_with_one_click(string language)
    {
        var fa = language == "fa";
        await using var mail = TestMailServer.Start();
        var settings = mail.Settings;
        settings["Subscriptions:PollInterval"] = "00:00:00.200";
        settings["Mail:MaxPerMinute"] = "0";
        await using var served = await ServedApp.StartAsync(settings: settings);
        var (blog, owner) = await served.App.Seed.BlogWithOwnerAsync(language);
        await served.App.Seed.PostAsync(blog, fa ? "نخستین نوشته" : "A first post", fa ? "متنی کوتاه." : "A short text.");
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.Context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        var address = $"reader-{language}@example.com";

        await page.GotoAsync(served.Url($"/{blog.Handle}"));
        await page.FillAsync("#subscribe-box-email", address);
        await PageChecks.PhotographAsync(page, $"subscribe-box-{language}");
        await page.ClickAsync(".subscribe-box button");
        await page.WaitForSelectorAsync(".subscribe-page .notice");
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.PhotographAsync(page, $"subscribe-sent-{language}");

        var confirmation = (await mail.WaitForAsync(address)).Single();
        await ShowMailAsync(browser, confirmation, $"mail-confirm-{language}");
        var link = Link().Match(confirmation.TextBody!).Value;
        await page.GotoAsync(served.Url(new Uri(link).PathAndQuery));
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.PhotographAsync(page, $"subscription-confirm-{language}");
        await page.ClickAsync("button[value=confirm]");
        await page.WaitForSelectorAsync(".subscribe-page .notice");
        await PageChecks.PhotographAsync(page, $"subscription-active-{language}");

        var api = served.App.Reader().WithToken(await served.App.Seed.TokenAsync(owner));
        var title = fa ? "سفر به Shiraz و آرامگاه حافظ" : "A visit to شیراز and Hafez's tomb";
        await api.PostJsonAsync($"/api/v1/blogs/{blog.Handle}/posts", new
        {
            title,
            body = fa ? "روز نخست در باغ ارم گذشت.\n\n> درخت دوستی بنشان که کام دل به بار آرد\n\nو شب در Vakil Bazaar." : "We spent the first day in the Eram garden.\n\n> Plant the tree of friendship\n\nAnd the evening in بازار وکیل.",
            status = "published",
        });
        var received = (await mail.WaitForAsync(address, 2))[^1];
        Assert.Equal(title, received.Subject);
        var mailPage = await ShowMailAsync(browser, received, $"mail-post-{language}");
        Assert.Equal(fa ? "rtl" : "ltr", await mailPage.GetAttributeAsync("article", "dir"));

        // The mail program's one-click unsubscribe: a POST without cookies to the List-Unsubscribe address.
        var unsubscribe = received.Headers[HeaderId.ListUnsubscribe]!.Trim('<', '>');
        var oneClick = await page.APIRequest.PostAsync(served.Url(new Uri(unsubscribe).PathAndQuery),
            new APIRequestContextOptions { Form = page.APIRequest.CreateFormData().Set("List-Unsubscribe", "One-Click") });
        Assert.Equal(200, oneClick.Status);
        await page.GotoAsync(served.Url(new Uri(unsubscribe).PathAndQuery));
        Assert.NotNull(await page.QuerySelectorAsync($"a[href$='/{blog.Handle}/subscribe']"));
        await PageChecks.PhotographAsync(page, $"subscription-ended-{language}");

        // The owner's side: the count over time and the list.
        await page.SetViewportSizeAsync(1280, 900);
        await served.SignInAsync(page, owner.Email!, language);
        await page.GotoAsync(served.Url($"/admin/{blog.Handle}/subscribers"));
        Assert.Contains(address, await page.InnerTextAsync("table"), StringComparison.Ordinal);
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.PhotographAsync(page, $"admin-subscribers-{language}");
        Assert.Empty(errors);
    }

    // A mail's HTML part as a mail program shows it, photographed at phone and desktop width.
    private static async Task<IPage> ShowMailAsync(BrowserSession browser, MimeMessage message, string name)
    {
        var page = await browser.Context.NewPageAsync();
        await page.SetContentAsync(message.HtmlBody!);
        await PageChecks.PhotographAsync(page, name);
        return page;
    }

    [GeneratedRegex(@"http://localhost/\S+/subscription/[A-Za-z0-9_-]+")]
    private static partial Regex Link();
}
