using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Qalam.Tests.Posts;

// A writer in Debian's Chromium, in each admin language: a new post autosaves to the server as a draft, is published
// and changed, the two versions are compared and the first restored; then the post is deleted, brought back with
// Undo, deleted again and restored from the trash.
[Trait("Kind", "Browser")]
public sealed partial class RevisionsInBrowserTests
{
    private const string MarkdownArea = ".toastui-editor-md-container .ProseMirror";

    [Theory]
    [InlineData("fa")]
    [InlineData("en")]
    public async Task A_writer_compares_and_restores_a_revision_and_brings_a_deleted_post_back(string language)
    {
        var fa = language == "fa";
        await using var served = await ServedApp.StartAsync();
        var (blog, owner) = await served.App.Seed.BlogWithOwnerAsync(language);
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.Context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        await served.SignInAsync(page, owner.Email!, language);

        // A new post: once it has a title, the autosave makes it a draft and the page takes the draft's address.
        await page.GotoAsync(served.Url($"/admin/{blog.Handle}/posts/new"));
        await page.FillAsync("#title", fa ? "یادداشت سفر" : "Travel notes");
        await page.ClickAsync(MarkdownArea);
        await page.Keyboard.TypeAsync(fa ? "روز نخست در Shiraz گذشت." : "The first day in شیراز went by.");
        await page.WaitForURLAsync(DraftAddress());
        await Assertions.Expect(page.Locator("#autosave-status")).Not.ToBeEmptyAsync();
        await page.ClickAsync("button[value=publish]");
        await page.WaitForSelectorAsync(".badge.published");

        // A second version, then the history: the words that changed are marked.
        await page.ClickAsync(MarkdownArea);
        await page.Keyboard.PressAsync("Control+End");
        await page.Keyboard.TypeAsync(fa ? " روز دوم به Persepolis رفتیم." : " On the second day we saw تخت جمشید.");
        await page.ClickAsync("button[value=save]");
        await page.WaitForURLAsync(new Regex("saved=save"));
        await page.ClickAsync($"a[href$='/revisions']");
        await page.WaitForSelectorAsync(".diff ins");
        Assert.Contains(fa ? "Persepolis" : "تخت", await page.InnerTextAsync(".diff ins"), StringComparison.Ordinal);
        Assert.Equal(2, await page.Locator("tbody tr").CountAsync());
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.PhotographAsync(page, $"revisions-{language}");
        await page.SetViewportSizeAsync(1280, 900);

        // Restore the first version: it becomes a new save, and the public page says it again.
        await page.Locator("tbody tr").Last.Locator("button").ClickAsync();
        await page.WaitForURLAsync(new Regex("saved=revision"));
        var postUrl = page.Url.Split('?')[0];
        var slug = await page.InputValueAsync("#slug");
        await page.GotoAsync(served.Url($"/{blog.Handle}/posts/{Uri.EscapeDataString(slug)}"));
        Assert.DoesNotContain(fa ? "Persepolis" : "تخت", await page.InnerTextAsync("main"), StringComparison.Ordinal);

        // Delete, and undo at once from the posts list.
        await page.GotoAsync(postUrl + "/delete");
        await page.ClickAsync("main form button.danger");
        await page.WaitForURLAsync(new Regex("trashed="));
        await page.ClickAsync("form.notice button");
        await page.WaitForURLAsync(new Regex("saved=restored"));

        // Delete again: readers are told it was deleted; the trash brings it back.
        await page.GotoAsync(postUrl + "/delete");
        await page.ClickAsync("main form button.danger");
        await page.WaitForURLAsync(new Regex("trashed="));
        var gone = await page.GotoAsync(served.Url($"/{blog.Handle}/posts/{Uri.EscapeDataString(slug)}"));
        Assert.Equal(410, gone!.Status);
        await PageChecks.PhotographAsync(page, $"post-gone-{language}");
        await page.SetViewportSizeAsync(1280, 900);
        await page.GotoAsync(served.Url($"/admin/{blog.Handle}/trash"));
        Assert.Contains(fa ? "یادداشت سفر" : "Travel notes", await page.InnerTextAsync("tbody"), StringComparison.Ordinal);
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.PhotographAsync(page, $"trash-{language}");
        await page.SetViewportSizeAsync(1280, 900);
        await page.ClickAsync("tbody form[action*='handler=Restore'] button");
        await page.WaitForURLAsync(new Regex("saved=restored"));
        var back = await page.GotoAsync(served.Url($"/{blog.Handle}/posts/{Uri.EscapeDataString(slug)}"));
        Assert.Equal(200, back!.Status);
        Assert.Empty(errors);
    }

    [GeneratedRegex(@"/posts/\d+$")]
    private static partial Regex DraftAddress();
}
