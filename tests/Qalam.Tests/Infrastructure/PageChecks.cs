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
        await page.EvaluateAsync(Axe.Value);
        var violations = await page.EvaluateAsync<JsonElement>(
            "axe.run(document, { resultTypes: ['violations'] }).then(r => r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => v.id + ' ' + v.nodes.map(n => n.target.join(' ')).join(', ')))");
        Assert.True(violations.GetArrayLength() == 0, violations.ToString());
    }

    // Saves {name}-{width}.png for each width and leaves the page at the last one.
    public static async Task PhotographAsync(IPage page, string name, params int[] widths)
    {
        var folder = Directory.CreateDirectory(Repo.Path("artifacts", "screenshots"));
        foreach (var width in widths.Length == 0 ? [1280, 390] : widths)
        {
            await page.SetViewportSizeAsync(width, 900);
            await page.EvaluateAsync("document.fonts.ready");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder.FullName, $"{name}-{width}.png"), FullPage = true });
            var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Assert.True(overflow <= 0, $"{name} scrolls sideways by {overflow}px at {width}px");
        }
    }
}
