using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qalam.Blogs;

namespace Qalam.Tests.Operator;

// `qalam blogs list|suspend|resume|delete`, run as an operator's script runs them, and what readers then see.
public sealed class BlogOperatorTests
{
    private static Task<QalamProcess.Run> QalamAsync(TestDatabase database, params string[] args) => QalamProcess.RunAsync(database, args);

    [Fact]
    public async Task A_suspended_blog_shows_readers_the_reason_everywhere_and_comes_back_when_resumed()
    {
        await using var database = await TestDatabase.CreateAsync();
        Blog blog;
        Qalam.Posts.Post post;
        await using (var seeding = new QalamApp(database))
        {
            blog = await seeding.Seed.BlogAsync("fa", CommentPolicy.Open);
            post = await seeding.Seed.PostAsync(blog, "نوشته");
            await seeding.Seed.BlogAsync("en");
        }

        var suspend = await QalamAsync(database, "blogs", "suspend", "--handle", blog.Handle.ToUpperInvariant(), "--reason", "گزارش‌های هرزنامه");
        var noReason = await QalamAsync(database, "blogs", "suspend", "--handle", blog.Handle, "--reason", " ");
        var unknown = await QalamAsync(database, "blogs", "suspend", "--handle", "nosuchblog", "--reason", "x");
        var list = await QalamAsync(database, "blogs", "list");

        Assert.Equal(0, suspend.ExitCode);
        Assert.Equal((1, "error: A reason of 1 to 500 characters is required.\n"), (noReason.ExitCode, noReason.Stderr.ReplaceLineEndings("\n")));
        Assert.Equal((1, "error: There is no blog with the handle nosuchblog.\n"), (unknown.ExitCode, unknown.Stderr.ReplaceLineEndings("\n")));
        var line = list.Stdout.Split('\n').Single(l => l.StartsWith(blog.Handle + "\t", StringComparison.Ordinal)).Split('\t');
        Assert.Equal(["suspended", "1", "fa"], line[1..4]);
        Assert.Equal("گزارش‌های هرزنامه", line[6].TrimEnd('\r'));
        Assert.Equal(2, list.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        await using (var app = new QalamApp(database))
        {
            var reader = app.Reader();
            foreach (var path in new[] { $"/{blog.Handle}", Seed.PathOf(blog, post), $"/{blog.Handle}/feed.xml", $"/{blog.Handle}/search?q=x" })
            {
                var page = await reader.GetPageAsync(path, HttpStatusCode.Forbidden);
                Assert.Equal("این وبلاگ معلق شده است", page.QuerySelector("h1").Text());
                Assert.Equal("گزارش‌های هرزنامه", page.QuerySelector(".suspension-reason").Text());
                Assert.Equal("fa", page.DocumentElement.GetAttribute("lang"));
            }
            using (var api = await reader.GetAsync($"/api/v1/blogs/{blog.Handle}/posts"))
            {
                Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
            }
            var home = await reader.GetPageAsync("/");
            Assert.DoesNotContain(home.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/{blog.Handle}");
            Assert.DoesNotContain($"/{blog.Handle}/sitemap-1.xml", await reader.GetStringAsync("/sitemap.xml"), StringComparison.Ordinal);
        }

        Assert.Equal(0, (await QalamAsync(database, "blogs", "resume", "--handle", blog.Handle)).ExitCode);
        var quota = await QalamAsync(database, "blogs", "quota", "--handle", blog.Handle, "--posts", "5", "--media-mb", "2");
        Assert.Equal((0, $"Blog {blog.Handle} has its new limits.\n"), (quota.ExitCode, quota.Stdout.ReplaceLineEndings("\n")));
        await using (var app = new QalamApp(database))
        {
            await app.Reader().GetPageAsync(Seed.PathOf(blog, post));
            await using var scope = app.Services.CreateAsyncScope();
            var limits = await scope.ServiceProvider.GetRequiredService<Qalam.Storage.QalamDb>().Blogs.Where(b => b.Id == blog.Id)
                .Select(b => new { b.PostQuota, b.MediaQuotaBytes }).SingleAsync();
            Assert.Equal((5, 2L * 1024 * 1024), (limits.PostQuota, limits.MediaQuotaBytes));
        }
    }

    [Fact]
    public async Task Transfer_makes_another_account_the_owner_and_refuses_an_unknown_one_in_one_line()
    {
        await using var database = await TestDatabase.CreateAsync();
        Blog blog;
        Qalam.Storage.QalamUser former, newOwner, operatorUser;
        await using (var seeding = new QalamApp(database))
        {
            blog = await seeding.Seed.BlogAsync("en");
            former = await seeding.Seed.UserAsync();
            await seeding.Seed.GrantAsync(blog, former, Qalam.Accounts.BlogRole.Owner);
            newOwner = await seeding.Seed.UserAsync();
            operatorUser = await seeding.Seed.UserAsync(Qalam.Storage.InstallRole.Owner);
        }

        var unknown = await QalamAsync(database, "blogs", "transfer", "--handle", blog.Handle, "--to", "nobody@example.com");
        var moved = await QalamAsync(database, "blogs", "transfer", "--handle", blog.Handle, "--to", newOwner.Email!);
        var invitation = await QalamAsync(database, "invitations", "create", "--note", "Parvin", "--days", "3");

        Assert.Equal((1, "error: There is no account with that email; create it first with `users create`.\n"), (unknown.ExitCode, unknown.Stderr.ReplaceLineEndings("\n")));
        Assert.Equal((0, $"Blog {blog.Handle} now belongs to {newOwner.Email}.\n"), (moved.ExitCode, moved.Stdout.ReplaceLineEndings("\n")));
        Assert.Equal(0, invitation.ExitCode);
        Assert.Matches(@"^http://localhost:5000/signup\?invitation=[A-Za-z0-9_-]{24}\r?\n$", invitation.Stdout);

        await using var app = new QalamApp(database, settings: new Dictionary<string, string> { ["Signup:Mode"] = "Invitation" });
        // The new owner manages the blog's people; the former owner still writes but no longer manages it.
        await (await app.SignedInAsync(newOwner)).GetPageAsync($"/admin/{blog.Handle}/members");
        var formerClient = await app.SignedInAsync(former);
        await formerClient.GetPageAsync($"/admin/{blog.Handle}/posts");
        using (var members = await formerClient.GetAsync($"/admin/{blog.Handle}/members"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, members.StatusCode);
        }
        // The invitation waits, unused, in the operator area.
        var area = await (await app.SignedInAsync(operatorUser)).GetPageAsync("/admin/operator");
        Assert.Contains("Unused invitations: 1", area.QuerySelector("#invite-heading + p").Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deleted_blog_waits_out_its_grace_period_suspended_then_is_removed_with_its_posts()
    {
        await using var database = await TestDatabase.CreateAsync();
        Blog later, now;
        await using (var seeding = new QalamApp(database))
        {
            later = await seeding.Seed.BlogAsync("en");
            await seeding.Seed.PostAsync(later, "Kept for a while");
            now = await seeding.Seed.BlogAsync("en");
            await seeding.Seed.PostAsync(now, "Gone at once");
        }

        var scheduled = await QalamAsync(database, "blogs", "delete", "--handle", later.Handle, "--grace-days", "3");
        var immediate = await QalamAsync(database, "blogs", "delete", "--handle", now.Handle, "--grace-days", "0");
        var list = await QalamAsync(database, "blogs", "list");

        Assert.Equal(0, scheduled.ExitCode);
        Assert.Contains("it will be removed after", scheduled.Stdout, StringComparison.Ordinal);
        Assert.Equal($"Blog {now.Handle} deleted.\n", immediate.Stdout.ReplaceLineEndings("\n"));
        Assert.Matches($"^{later.Handle}\tdeleting 20[0-9-]+T[0-9:]+Z\t1\t", list.Stdout);
        Assert.DoesNotContain(now.Handle, list.Stdout, StringComparison.Ordinal);

        await using var app = new QalamApp(database, settings: new Dictionary<string, string> { ["Blogs:PurgeInterval"] = "00:00:00.200" });
        var reader = app.Reader();
        await reader.GetPageAsync($"/{now.Handle}", HttpStatusCode.NotFound);
        var deleting = await reader.GetPageAsync($"/{later.Handle}", HttpStatusCode.Forbidden);
        Assert.Equal("This blog is being deleted and will soon be gone. The reason given:", deleting.QuerySelector("main p").Text());

        // The CLI used the real clock; the app's clock is moved past the end of the grace period.
        app.Time.SetUtcNow(DateTimeOffset.UtcNow.AddDays(4));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var status = HttpStatusCode.Forbidden;
        while (status != HttpStatusCode.NotFound && DateTime.UtcNow < deadline)
        {
            await Task.Delay(300);
            using var response = await reader.GetAsync($"/api/v1/blogs/{later.Handle}");
            status = response.StatusCode;
        }
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.DoesNotContain(later.Handle, (await QalamAsync(database, "blogs", "list")).Stdout, StringComparison.Ordinal);
    }
}
