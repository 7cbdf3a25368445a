namespace Qalam.Tests.Accounts;

// An owner invites a writer from the People page, and the writer, new to the install, joins from the link, as people
// would in Debian's Chromium; both pages in Persian and English, photographed at phone and desktop width.
[Trait("Kind", "Browser")]
public sealed class InvitationInBrowserTests
{
    [Theory]
    [InlineData("fa")]
    [InlineData("en")]
    public async Task An_owner_invites_a_writer_who_joins_with_a_new_account(string language)
    {
        await using var served = await ServedApp.StartAsync();
        var (blog, owner) = await served.App.Seed.BlogWithOwnerAsync(language);
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.Context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);

        await page.GotoAsync(served.Url("/admin/signin"));
        await page.FillAsync("#email", owner.Email!);
        await page.FillAsync("#password", Seed.Password);
        await page.ClickAsync("form.panel button[type=submit]");
        // One blog: the admin area opens on it.
        await page.WaitForURLAsync($"**/admin/{blog.Handle}");
        await page.GotoAsync(served.Url($"/admin/{blog.Handle}/members"));
        var invitee = $"writer-{Guid.NewGuid():N}@example.org";
        await page.FillAsync("#member-email", invitee);
        await page.SelectOptionAsync("#member-role", "Author");
        await page.ClickAsync("form[action*='handler=Add'] button[type=submit]");
        await page.WaitForSelectorAsync(".notice .secret");
        var link = (await page.InnerTextAsync(".notice .secret")).Trim();
        Assert.Contains(invitee, await page.InnerTextAsync("table.invitations"), StringComparison.Ordinal);
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.PhotographAsync(page, $"members-invited-{language}");

        // The writer opens the link in a browser of their own.
        await using var writerBrowser = await BrowserSession.StartAsync();
        var writer = await writerBrowser.Context.NewPageAsync();
        writer.PageError += (_, error) => errors.Add(error);
        await writer.GotoAsync(served.Url(new Uri(link).AbsolutePath + $"?culture={language}&ui-culture={language}"));
        Assert.Equal(language == "fa" ? "rtl" : "ltr", await writer.GetAttributeAsync("html", "dir"));
        Assert.Contains(blog.Title, await writer.InnerTextAsync("main"), StringComparison.Ordinal);
        await PageChecks.AssertAccessibleAsync(writer);
        await PageChecks.PhotographAsync(writer, $"join-{language}");
        await writer.FillAsync("#join-name", language == "fa" ? "نسرین" : "Nasrin");
        await writer.FillAsync("#join-password", "my own long passphrase");
        await writer.ClickAsync("form[action*='handler=Create'] button[type=submit]");
        await writer.WaitForURLAsync($"**/admin/{blog.Handle}");

        await page.GotoAsync(served.Url($"/admin/{blog.Handle}/members"));
        Assert.Contains(invitee, await page.InnerTextAsync("table.list"), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("table.invitations").CountAsync());
        Assert.Empty(errors);
        Assert.Empty(browser.OutsideRequests);
    }
}
