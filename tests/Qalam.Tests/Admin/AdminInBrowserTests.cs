using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Qalam.Comments;
using Qalam.Posts;
using Qalam.Storage;

namespace Qalam.Tests.Admin;

// What a writer clicks, in Debian's Chromium: first-run owner setup, writing and publishing, scheduling,
// moderating; in Persian and in English, with screenshots of the editor and the moderation queue.
[Trait("Kind", "Browser")]
public sealed class AdminInBrowserTests
{
    public static TheoryData<string, string> Languages => new() { { "fa", "dariche" }, { "en", "fieldnotes" } };

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task An_owner_sets_up_the_install_writes_publishes_schedules_and_moderates(string language, string handle)
    {
        await using var served = await ServedApp.StartAsync(sampleContent: true);
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.Context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") { errors.Add(message.Text); } };
        page.PageError += (_, error) => errors.Add(error);

        // First run: /admin leads to the one-time owner page.
        await page.GotoAsync(served.Url("/admin?culture=" + language + "&ui-culture=" + language));
        Assert.EndsWith("/admin/setup", new Uri(page.Url).AbsolutePath);
        await page.FillAsync("#name", language == "fa" ? "مریم" : "Maryam");
        await page.FillAsync("#email", "owner@example.com");
        await page.FillAsync("#password", "a long enough passphrase");
        await page.SelectOptionAsync("#language", language);
        await page.ClickAsync("form button[type=submit]");
        await page.WaitForURLAsync("**/admin");
        Assert.Equal(language, await page.GetAttributeAsync("html", "lang"));
        Assert.Equal(language == "fa" ? "rtl" : "ltr", await page.GetAttributeAsync("html", "dir"));

        // The setup page is gone once someone has an account.
        var again = await page.GotoAsync(served.Url("/admin/setup"));
        Assert.Equal(404, again!.Status);
        errors.Clear();

        // Sign out, and back in with the form.
        await page.GotoAsync(served.Url("/admin"));
        await page.ClickAsync(".admin-user button[type=submit]");
        await page.WaitForURLAsync("**/admin/signin");
        await page.FillAsync("#email", "owner@example.com");
        await page.FillAsync("#password", "a long enough passphrase");
        await page.ClickAsync("form.panel button[type=submit]");
        await page.WaitForURLAsync("**/admin");

        // Autosave: a closed tab loses nothing.
        await page.GotoAsync(served.Url($"/admin/{handle}/posts/new"));
        await page.WaitForSelectorAsync(".toastui-editor-defaultUI");
        await page.FillAsync("#title", "Unsaved thoughts");
        await page.ClickAsync(".toastui-editor-md-container .ProseMirror");
        await page.Keyboard.TypeAsync("Half a paragraph");
        await page.WaitForTimeoutAsync(1500);
        await page.GotoAsync("about:blank");
        await page.GotoAsync(served.Url($"/admin/{handle}/posts/new"));
        await page.WaitForSelectorAsync(".toastui-editor-defaultUI");
        Assert.Equal("Unsaved thoughts", await page.InputValueAsync("#title"));
        Assert.Equal("Half a paragraph", (await page.InputValueAsync("#body")).Trim());
        await page.EvaluateAsync("localStorage.clear()");

        // Write and publish with the Markdown editor.
        await page.GotoAsync(served.Url($"/admin/{handle}/posts/new"));
        await page.WaitForSelectorAsync(".toastui-editor-defaultUI");
        var title = language == "fa" ? "یادداشتی از مدیریت" : "A note from the admin area";
        await page.FillAsync("#title", title);
        await page.ClickAsync(".toastui-editor-md-container .ProseMirror");
        await page.Keyboard.TypeAsync(language == "fa" ? "متن **پررنگ** در ویرایشگر." : "Some **bold** text from the editor.");
        await page.FillAsync("#tags", language == "fa" ? "آزمایش، مدیریت" : "test, admin");
        await PageChecks.SaveAsync(page, $"admin-editor-{language}-1280");
        await page.ClickAsync("button[value=publish]");
        await page.WaitForSelectorAsync(".notice");
        await page.GotoAsync(served.Url($"/{handle}"));
        Assert.Contains(title, await page.TextContentAsync("main"));
        await page.ClickAsync($"text={title}");
        Assert.Contains(language == "fa" ? "پررنگ" : "bold", await page.InnerTextAsync(".post-body strong"));

        // Schedule a post for tomorrow: invisible until then, live afterwards without anyone touching it.
        await page.GotoAsync(served.Url($"/admin/{handle}/posts/new"));
        await page.WaitForSelectorAsync(".toastui-editor-defaultUI");
        var later = language == "fa" ? "نوشتهٔ فردا" : "Tomorrow's post";
        await page.FillAsync("#title", later);
        var tomorrow = served.App.Time.GetUtcNow().AddDays(1).ToOffset(language == "fa" ? TimeSpan.FromHours(3.5) : TimeSpan.Zero);
        await page.FillAsync("#publish-at", tomorrow.ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await page.ClickAsync("button[value=schedule]");
        await page.WaitForSelectorAsync(".badge.scheduled");
        await page.GotoAsync(served.Url($"/{handle}"));
        Assert.DoesNotContain(later, await page.TextContentAsync("main"));
        served.App.Time.Advance(TimeSpan.FromDays(1).Add(TimeSpan.FromMinutes(1)));
        await page.GotoAsync(served.Url($"/{handle}"));
        Assert.Contains(later, await page.TextContentAsync("main"));

        // Moderate: approve a held comment; it appears on the post.
        var held = await HeldCommentAsync(served, handle, language == "fa" ? "نظر در انتظار از مینا" : "A held comment from Mina");
        await page.GotoAsync(served.Url($"/admin/{handle}/comments"));
        await PageChecks.SaveAsync(page, $"admin-moderation-{language}-1280");
        await page.ClickAsync($"#c{held.Id} button[value='approve:{held.Id}']");
        await page.WaitForSelectorAsync(".notice");
        await page.GotoAsync(served.Url($"/admin/{handle}/comments?status=approved"));
        Assert.Contains(held.Body, await page.TextContentAsync("main"));

        // Phone width: the editor and the queue fit.
        await page.SetViewportSizeAsync(390, 844);
        foreach (var (name, path) in new[] { ("editor", $"/admin/{handle}/posts/new"), ("moderation", $"/admin/{handle}/comments?status=approved") })
        {
            await page.GotoAsync(served.Url(path));
            await PageChecks.SaveAsync(page, $"admin-{name}-{language}-390");
            var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Assert.True(overflow <= 0, $"{path} scrolls sideways by {overflow}px at 390px");
        }

        Assert.True(errors.Count == 0, string.Join("\n", errors));
        Assert.Empty(browser.OutsideRequests);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Admin_pages_have_no_serious_or_critical_accessibility_violations(string language, string handle)
    {
        await using var served = await ServedApp.StartAsync(sampleContent: true);
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.Context.NewPageAsync();

        await page.GotoAsync(served.Url($"/admin/setup?culture={language}&ui-culture={language}"));
        var problems = await PageChecks.SeriousProblemsAsync(page);
        await page.FillAsync("#email", "owner@example.com");
        await page.FillAsync("#password", "a long enough passphrase");
        await page.SelectOptionAsync("#language", language);
        await page.ClickAsync("form button[type=submit]");
        await page.WaitForURLAsync("**/admin");
        await HeldCommentAsync(served, handle, "?");
        // Something on the operator's spam page to look at.
        await HeldCommentAsync(served, handle, "Cheap watches at my site", CommentStatus.Spam);
        // A few readers, so that the statistics page draws bars and lists a referring site.
        var postPath = await page.EvaluateAsync<string>("fetch('/" + "api/v1/blogs/" + handle + "/posts').then(r => r.json()).then(j => new URL(j.items[0].url).pathname)");
        using (var readers = new HttpClient { BaseAddress = served.BaseAddress })
        {
            for (var i = 0; i < 4; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, postPath);
                request.Headers.UserAgent.ParseAdd(Browsers.Distinct(i));
                request.Headers.Referrer = new Uri("https://news.example.org/");
                (await readers.SendAsync(request)).Dispose();
            }
        }
        await Task.Delay(1500);

        var paths = new[]
        {
            "/admin", $"/admin/{handle}", $"/admin/{handle}/posts", $"/admin/{handle}/posts/new", $"/admin/{handle}/comments",
            $"/admin/{handle}/settings", $"/admin/{handle}/members", $"/admin/{handle}/addresses", $"/admin/{handle}/media", $"/admin/{handle}/stats", $"/admin/{handle}/import", "/admin/account",
            "/admin/operator", "/admin/operator/spam", "/admin/operator/users", "/admin/forgot", "/admin/reset?userId=x&token=y",
        };
        foreach (var path in paths)
        {
            await page.SetViewportSizeAsync(1280, 900);
            var response = await page.GotoAsync(served.Url(path));
            Assert.True(response!.Status == 200, $"{path} answered {response.Status}");
            problems.AddRange((await PageChecks.SeriousProblemsAsync(page)).Select(p => $"{path}: {p}"));
            var name = "admin-" + (path.Split('?')[0].Replace($"/admin/{handle}", "/blog", StringComparison.Ordinal).Replace("/admin", "", StringComparison.Ordinal).Trim('/').Replace('/', '-') is { Length: > 0 } n ? n : "home");
            await PageChecks.SaveAsync(page, $"{name}-{language}-1280");
            await page.SetViewportSizeAsync(390, 844);
            await PageChecks.SaveAsync(page, $"{name}-{language}-390");
            var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
            if (overflow > 0)
            {
                problems.Add($"{path}: scrolls sideways by {overflow}px at 390px");
            }
            // Nor may a list hide columns past the edge of a scroll box that gives no sign of it.
            var hidden = await page.EvaluateAsync<int>("Math.max(0, ...[...document.querySelectorAll('.table-scroll')].map(e => e.scrollWidth - e.clientWidth))");
            if (hidden > 0)
            {
                problems.Add($"{path}: a table hides {hidden}px sideways at 390px");
            }
        }
        // On a phone the blog's menu starts folded behind its summary and opens with a tap.
        await page.GotoAsync(served.Url($"/admin/{handle}/posts"));
        Assert.False(await page.EvaluateAsync<bool>("document.querySelector('details.admin-menu').open"));
        Assert.False(await page.IsVisibleAsync(".admin-nav"));
        await page.ClickAsync("details.admin-menu > summary");
        Assert.True(await page.IsVisibleAsync($".admin-nav a[href='/admin/{handle}/stats']"));
        await PageChecks.SaveAsync(page, $"admin-menu-open-{language}-390");
        await page.SetViewportSizeAsync(1280, 900);
        await page.GotoAsync(served.Url($"/admin/{handle}/posts"));
        Assert.False(await page.IsVisibleAsync("details.admin-menu > summary"));
        Assert.True(await page.IsVisibleAsync(".admin-nav"));

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task An_owner_imports_a_WordPress_export_watches_it_finish_and_downloads_the_blog(string language, string handle)
    {
        await using var served = await ServedApp.StartAsync(sampleContent: true);
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.Context.NewPageAsync();
        await page.GotoAsync(served.Url($"/admin/setup?culture={language}&ui-culture={language}"));
        await page.FillAsync("#email", "owner@example.com");
        await page.FillAsync("#password", "a long enough passphrase");
        await page.SelectOptionAsync("#language", language);
        await page.ClickAsync("form button[type=submit]");
        await page.WaitForURLAsync("**/admin");
        var problems = new List<string>();

        await page.GotoAsync(served.Url($"/admin/{handle}"));
        await page.ClickAsync($"nav.admin-nav a[href='/admin/{handle}/import']");
        problems.AddRange(await PageChecks.SeriousProblemsAsync(page));
        await page.SetViewportSizeAsync(1280, 900);
        await PageChecks.SaveAsync(page, $"admin-import-{language}-1280");
        var file = language == "fa"
            ? Repo.Path("tests", "Qalam.Tests", "Import", "Fixtures", "persian.xml")
            : Repo.SharedTestData("wordpress", "theme-preview.xml");
        await page.SetInputFilesAsync("#file", file);
        await page.ClickAsync("#import-heading ~ form button[type=submit]");
        await page.WaitForSelectorAsync(".import-job table", new PageWaitForSelectorOptions { Timeout = 30_000 });

        var posts = await page.TextContentAsync(".import-job tbody tr:first-child td:nth-child(2)");
        Assert.Equal(language == "fa" ? "۲" : "7", posts);
        problems.AddRange((await PageChecks.SeriousProblemsAsync(page)).Select(p => $"job page: {p}"));
        await PageChecks.SaveAsync(page, $"admin-import-done-{language}-1280");
        await page.SetViewportSizeAsync(390, 844);
        await PageChecks.SaveAsync(page, $"admin-import-done-{language}-390");
        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the job page scrolls sideways by {overflow}px at 390px");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync($"a[href='/admin/{handle}/import?handler=WordPress']"));
        var saved = Path.Combine(Path.GetTempPath(), $"qalam-download-{Guid.NewGuid():N}.xml");
        await download.SaveAsAsync(saved);
        Assert.StartsWith($"{handle}.wordpress.", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.Contains("<wp:wxr_version>1.2</wp:wxr_version>", await File.ReadAllTextAsync(saved), StringComparison.Ordinal);
        File.Delete(saved);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Empty(browser.OutsideRequests);
    }

    private static async Task<Comment> HeldCommentAsync(ServedApp served, string handle, string body, CommentStatus status = CommentStatus.Pending)
    {
        using var scope = served.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QalamDb>();
        var post = await db.Posts.Where(p => p.Blog!.Handle == handle && p.Status == Qalam.Posts.PostStatus.Published).OrderBy(p => p.Id).FirstAsync();
        var comment = new Comment(post.BlogId, post.Id, null, "Mina", "mina@example.com", null, body, status, served.App.Time.GetUtcNow().UtcDateTime);
        // Held as the screen would hold it, so the queue shows its reasons.
        comment.Screened(CommentReason.Format([new(CommentReason.Links, "3"), new(CommentReason.FirstTime)]), null, "203.0.113.9");
        db.Comments.Add(comment);
        await db.SaveChangesAsync();
        return comment;
    }
}
