using Microsoft.Extensions.DependencyInjection;
using Qalam.Blogs;
using Qalam.Comments;

namespace Qalam.Tests.Comments;

// What a reader does with comments in a real browser: reply in place, be remembered, see their held comment.
[Trait("Kind", "Browser")]
public sealed class CommentsInBrowserTests
{
    public static TheoryData<string> Languages => new() { "fa", "en" };

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task A_reader_replies_in_place_is_remembered_and_sees_their_held_comment(string language)
    {
        await using var served = await ServedApp.StartAsync();
        var seed = served.App.Seed;
        var blog = await seed.BlogAsync(language, CommentPolicy.HoldFirstTime);
        var post = await seed.PostAsync(blog, language == "fa" ? "دربارهٔ خیام" : "On Khayyam",
            language == "fa" ? "رباعیات خیام را بارها خوانده‌ام." : "I have read the quatrains many times.");
        var parent = await seed.CommentAsync(post, language == "fa" ? "سارا" : "Sara", language == "fa" ? "کدام ترجمه؟" : "Which translation?");
        await seed.CommentAsync(post, "Omid", language == "fa" ? "ترجمهٔ فیتزجرالد." : "FitzGerald's, of course.");
        var path = Seed.PathOf(blog, post);

        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.Context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") { errors.Add(message.Text); } };
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync(served.Url(path));

        // The reply link moves the one form under the comment, without leaving the page.
        await page.ClickAsync($"#comment-{parent.Id} .reply-link");
        Assert.Equal(new Uri(served.Url(path)), new Uri(page.Url));
        Assert.Equal(1, await page.Locator($"#comment-{parent.Id} > #comment-form").CountAsync());
        Assert.Equal(parent.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), await page.InputValueAsync("input[name='Form.ParentId']"));
        Assert.True(await page.IsVisibleAsync(".replying"));
        Assert.Contains(parent.AuthorName, await page.InnerTextAsync(".replying-text"));
        Assert.True(await page.EvaluateAsync<bool>("document.activeElement.id === 'comment-body'"));
        await page.SetViewportSizeAsync(390, 844);
        await PageChecks.SaveAsync(page, $"comment-reply-in-place-{language}-390");
        await page.SetViewportSizeAsync(1280, 900);
        await PageChecks.SaveAsync(page, $"comment-reply-in-place-{language}-1280");

        // Cancel puts it back; reply again, and send.
        await page.ClickAsync(".cancel-reply");
        Assert.Equal(0, await page.Locator($"#comment-{parent.Id} #comment-form").CountAsync());
        Assert.Equal("", await page.InputValueAsync("input[name='Form.ParentId']"));
        await page.ClickAsync($"#comment-{parent.Id} .reply-link");
        var name = language == "fa" ? "نیما" : "Nima";
        await page.FillAsync("#comment-name", name);
        await page.FillAsync("#comment-email", "nima@example.org");
        await page.FillAsync("#comment-body", language == "fa" ? "ترجمهٔ **فیتزجرالد** را بخوانید." : "Try **FitzGerald**.");
        await page.CheckAsync("input[name='Form.Remember']");
        await page.ClickAsync("#comment-form button[type=submit]");
        await page.WaitForSelectorAsync(".notice");

        // First time on this blog: held, shown to this reader only, under the comment it answers.
        var mine = page.Locator($"#comment-{parent.Id} ol.replies li.comment.held");
        Assert.Equal(1, await mine.CountAsync());
        Assert.Equal(language == "fa" ? "نظر شما در انتظار تأیید است. تنها شما آن را می‌بینید." : "Your comment is awaiting moderation. Only you can see it.",
            await mine.Locator(".awaiting").InnerTextAsync());
        Assert.Equal(language == "fa" ? "فیتزجرالد" : "FitzGerald", await mine.Locator(".comment-body strong").InnerTextAsync());
        await PageChecks.SaveAsync(page, $"comment-held-{language}-1280");
        await page.SetViewportSizeAsync(390, 844);
        await PageChecks.SaveAsync(page, $"comment-held-{language}-390");
        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the post page scrolls sideways by {overflow}px at 390px");

        // Next visit: the details are filled in; another browser sees neither them nor the held reply.
        await page.GotoAsync(served.Url(path));
        Assert.Equal(name, await page.InputValueAsync("#comment-name"));
        Assert.Equal("nima@example.org", await page.InputValueAsync("#comment-email"));
        Assert.True(await page.IsCheckedAsync("input[name='Form.Remember']"));
        await PageChecks.AssertAccessibleAsync(page);

        // Without the cookies (another browser): nothing remembered, nothing held shown.
        await browser.Context.ClearCookiesAsync();
        await page.GotoAsync(served.Url(path));
        Assert.Equal("", await page.InputValueAsync("#comment-name"));
        Assert.Equal(0, await page.Locator("li.comment.held").CountAsync());

        Assert.True(errors.Count == 0, string.Join("\n", errors));
        Assert.Empty(browser.OutsideRequests);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task The_reply_mail_page_offers_one_button_and_reads_well_in_both_directions(string language)
    {
        await using var served = await ServedApp.StartAsync();
        var blog = await served.App.Seed.BlogAsync(language);
        var post = await served.App.Seed.PostAsync(blog, language == "fa" ? "دربارهٔ خیام" : "On Khayyam");
        var comment = await served.App.Seed.CommentAsync(post, "Dana", "?");
        var token = "t" + Guid.NewGuid().ToString("N");
        await using (var scope = served.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Qalam.Storage.QalamDb>();
            db.CommentSubscriptions.Add(new Qalam.Comments.CommentSubscription(comment.Id, "dana@example.org", token, QalamApp.Start.UtcDateTime));
            await db.SaveChangesAsync();
        }
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.Context.NewPageAsync();

        await page.GotoAsync(served.Url($"/comments/subscriptions/{token}"));
        Assert.Equal(language == "fa" ? "rtl" : "ltr", await page.GetAttributeAsync("html", "dir"));
        foreach (var width in new[] { 390, 1280 })
        {
            await page.SetViewportSizeAsync(width, 900);
            await PageChecks.SaveAsync(page, $"comment-subscription-{language}-{width}");
        }
        await page.ClickAsync("button[value=confirm]");
        await page.WaitForSelectorAsync("[role=status]");
        Assert.Contains(language == "fa" ? "تأیید شد" : "Confirmed.", await page.InnerTextAsync("[role=status]"));
        Assert.Empty(browser.OutsideRequests);
    }
}
