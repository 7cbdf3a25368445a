using System.Text.Json;
using Microsoft.Playwright;

namespace Qalam.Tests.Infrastructure;

// What browser tests check on every page they look at: axe-core finds nothing serious, and the page, photographed
// at desktop and phone width into artifacts/screenshots, never scrolls sideways.
public static class PageChecks
{
    private static readonly Lazy<string> Axe = new(() => File.ReadAllText(Repo.Path("tests", "Qalam.Tests", "node_modules", "axe-core", "axe.min.js")));

    public static async Task AssertAccessibleAsync(IPage page)
    {
        var problems = await SeriousProblemsAsync(page);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    // axe-core's serious and critical findings on the page as it is now, one line each.
    public static async Task<List<string>> SeriousProblemsAsync(IPage page)
    {
        await page.EvaluateAsync(Axe.Value);
        var violations = await page.EvaluateAsync<JsonElement>(
            "axe.run(document, { resultTypes: ['violations'] }).then(r => r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => v.impact + ' ' + v.id + ': ' + v.help + ' ' + v.nodes.map(n => n.target.join(' ')).join(', ')))");
        return [.. violations.EnumerateArray().Select(v => v.GetString()!)];
    }

    // Every alert, confirm or prompt the page opens from now on is dismissed and its message kept: a script a payload
    // smuggled in would most often announce itself so.
    public static List<string> DismissDialogs(IPage page)
    {
        var dialogs = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            await dialog.DismissAsync();
        };
        return dialogs;
    }

    // The page as it is now, into artifacts/screenshots/{name}.png, once its fonts have loaded.
    public static async Task SaveAsync(IPage page, string name)
    {
        var folder = Directory.CreateDirectory(Repo.Path("artifacts", "screenshots"));
        await page.EvaluateAsync("document.fonts.ready");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder.FullName, name + ".png"), FullPage = true });
    }

    // Saves {name}-{width}.png for each width and leaves the page at the last one.
    public static async Task PhotographAsync(IPage page, string name, params int[] widths)
    {
        foreach (var width in widths.Length == 0 ? [1280, 390] : widths)
        {
            await page.SetViewportSizeAsync(width, 900);
            await SaveAsync(page, $"{name}-{width}");
            var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Assert.True(overflow <= 0, $"{name} scrolls sideways by {overflow}px at {width}px");
        }
    }
}
