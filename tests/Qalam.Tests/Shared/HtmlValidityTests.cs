using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qalam.Blogs;
using Qalam.Posts;

namespace Qalam.Tests.Shared;

// Every page type is checked by the Nu Html Checker (vnu-jar from npm), the validator behind validator.w3.org/nu.
public sealed class HtmlValidityTests
{
    [Fact]
    public async Task Home_blog_and_post_pages_of_both_blogs_pass_the_Nu_Html_Checker_without_errors()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var app = new QalamApp(database, sampleContent: true);
        var reader = app.Reader();
        // The Persian blog wears every picture and a sheet of its own (Themes), so their markup is checked too.
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Qalam.Storage.QalamDb>();
            var dariche = await db.Blogs.SingleAsync(b => b.Handle == "dariche");
            dariche.Theme = Qalam.Blogs.BlogThemes.Personal;
            dariche.SetHeaderImage(1, "/media/dariche/0123456789abcdef0123456789abcdef-1600.webp", 1600, 400);
            dariche.SetLogo(2, "/media/dariche/0123456789abcdef0123456789abcdef.png");
            dariche.SetFavicon(2, "/media/dariche/0123456789abcdef0123456789abcdef.png");
            var css = Qalam.Themes.CustomCss.Filter("p { color: red; }", "dariche");
            dariche.SetCustomCss("p { color: red; }", css.Served, css.Hash);
            await db.SaveChangesAsync();
        }
        var paths = new List<string> { "/", "/dariche", "/fieldnotes", "/dariche/tags/" + Uri.EscapeDataString("شعر"), "/dariche/posts/missing", "/dariche/archive", "/fieldnotes/archive" };
        foreach (var blog in new[] { "/dariche", "/fieldnotes" })
        {
            var home = await reader.GetPageAsync(blog);
            paths.AddRange(home.QuerySelectorAll("article.summary h2 a").Select(a => a.GetAttribute("href")!).Take(3));
        }
        paths.Add((await reader.GetPageAsync("/dariche/archive")).QuerySelector(".archive li a")!.GetAttribute("href")!);
        paths.Add("/dariche/search?q=" + Uri.EscapeDataString("حافظ"));
        paths.Add("/fieldnotes/search?q=Khayyam");
        paths.Add("/fieldnotes/search");
        paths.Add("/dariche/subscribe");
        paths.Add("/fieldnotes/subscription/" + new string('x', 43));
        // A post in the trash answers 410 with the blog's page.
        var trashed = paths.First(p => p.StartsWith("/fieldnotes/posts/", StringComparison.Ordinal));
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Qalam.Storage.QalamDb>();
            var slug = Uri.UnescapeDataString(trashed["/fieldnotes/posts/".Length..]);
            var victim = await db.Posts.SingleAsync(p => p.Slug == slug && p.Blog!.Handle == "fieldnotes");
            await scope.ServiceProvider.GetRequiredService<PostTrash>().TrashAsync(victim, CancellationToken.None);
        }
        paths.Add("/dariche/posts/" + Uri.EscapeDataString("فال-حافظ-در-شب-یلدا") + "?replyTo=1");

        var folder = Directory.CreateTempSubdirectory("qalam-vnu-");
        var files = new Dictionary<string, string>();
        foreach (var (path, i) in paths.Select((p, i) => (p, i)))
        {
            using var response = await reader.GetAsync(path);
            var file = Path.Combine(folder.FullName, $"page{i}.html");
            await File.WriteAllTextAsync(file, await response.Content.ReadAsStringAsync());
            files[file] = path;
        }
        // An invalid comment form re-rendered with its errors is a page too.
        var post = await reader.GetPageAsync(paths[^1]);
        using (var invalid = await reader.SubmitAsync(post, "#comment-form", new Dictionary<string, string> { ["Form.Name"] = "" }))
        {
            var file = Path.Combine(folder.FullName, "invalid-form.html");
            await File.WriteAllTextAsync(file, await invalid.Content.ReadAsStringAsync());
            files[file] = "comment form with errors";
        }

        var messages = await RunCheckerAsync(files.Keys);

        Assert.True(messages.Count == 0, string.Join('\n', messages.Select(m => $"{files[m.File]}: {m.Text}")));
        folder.Delete(recursive: true);
    }

    // The Theme Unit Test and block test data are WordPress's own torture tests for themes: obsolete elements,
    // headings of every level, captions, galleries. Imported, every post page and page must still be valid HTML.
    [Fact]
    public async Task Every_post_imported_from_WordPress_s_test_data_passes_the_Nu_Html_Checker()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var app = new QalamApp(database);
        var blog = await app.Seed.BlogAsync("en");
        using (var scope = app.Services.CreateScope())
        {
            foreach (var file in new[] { "themeunittestdata.wordpress.xml", "64-block-test-data.xml" })
            {
                await using var stream = File.OpenRead(Repo.SharedTestData("wordpress", file));
                await scope.ServiceProvider.GetRequiredService<Qalam.Import.WordPressImporter>().ImportAsync(blog.Id, stream, null, CancellationToken.None);
            }
        }
        List<string> slugs;
        List<string> pageSlugs;
        using (var scope = app.Services.CreateScope())
        {
            var now = app.Time.GetUtcNow().UtcDateTime;
            var db = scope.ServiceProvider.GetRequiredService<Qalam.Storage.QalamDb>();
            slugs = await db.Posts.Where(p => p.BlogId == blog.Id).Where(Qalam.Posts.Post.VisibleAt(now)).Select(p => p.Slug).ToListAsync();
            pageSlugs = await db.Set<Qalam.BlogPages.BlogPage>().Where(p => p.BlogId == blog.Id && p.Published).Select(p => p.Slug).ToListAsync();
        }
        var reader = app.Reader();
        var folder = Directory.CreateTempSubdirectory("qalam-vnu-import-");
        var files = new Dictionary<string, string>();
        foreach (var (path, i) in slugs.Select(s => ("/" + blog.Handle + Qalam.Blogs.PostPaths.Of(s)))
            .Concat(pageSlugs.Select(s => $"/{blog.Handle}/pages/{Uri.EscapeDataString(s)}")).Append($"/{blog.Handle}").Select((p, i) => (p, i)))
        {
            var file = Path.Combine(folder.FullName, $"page{i}.html");
            await File.WriteAllTextAsync(file, await reader.GetStringAsync(path));
            files[file] = path;
        }

        var messages = await RunCheckerAsync(files.Keys);

        // WordPress's pages are pages here (22 published), checked with the posts.
        Assert.Equal((115, 22), (slugs.Count, pageSlugs.Count));
        Assert.True(messages.Count == 0, string.Join('\n', messages.Select(m => $"{files[m.File]}: {m.Text}")));
        folder.Delete(recursive: true);
    }

    private static async Task<List<(string File, string Text)>> RunCheckerAsync(IEnumerable<string> files)
    {
        var jar = Repo.Path("tests", "Qalam.Tests", "node_modules", "vnu-jar", "build", "dist", "vnu.jar");
        var start = new ProcessStartInfo("java") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "-jar", jar, "--errors-only", "--format", "json" }.Concat(files))
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        using var report = JsonDocument.Parse(await stderr);
        return report.RootElement.GetProperty("messages").EnumerateArray()
            .Select(m => (new Uri(m.GetProperty("url").GetString()!).LocalPath,
                $"{m.GetProperty("type").GetString()} line {(m.TryGetProperty("lastLine", out var l) ? l.GetInt32() : 0)}: {m.GetProperty("message").GetString()}"))
            .ToList();
    }
}
