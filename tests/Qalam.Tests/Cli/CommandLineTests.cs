using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qalam.Blogs;
using Qalam.Posts;
using Qalam.Storage;

namespace Qalam.Tests.Cli;

// The command line as an operator's script runs it: the real program in its own process, on the same database.
public sealed class CommandLineTests
{
    private static Task<QalamProcess.Run> QalamAsync(TestDatabase database, params string[] args) => QalamProcess.RunAsync(database, args);

    [Fact]
    public async Task An_operator_creates_the_owner_a_token_and_a_blog_and_the_token_writes_through_the_API()
    {
        await using var database = await TestDatabase.CreateAsync();

        var migrate = await QalamAsync(database, "migrate");
        var user = await QalamAsync(database, "users", "create", "--email", "owner@example.com", "--password", Seed.Password, "--name", "Owner");
        var token = await QalamAsync(database, "tokens", "create", "--email", "owner@example.com", "--name", "ci");
        var blog = await QalamAsync(database, "blogs", "create", "--handle", "daftar", "--title", "دفتر", "--language", "fa", "--owner", "owner@example.com");
        var author = await QalamAsync(database, "users", "create", "--email", "writer@example.com", "--password", Seed.Password, "--blog", "daftar");

        Assert.Equal(0, migrate.ExitCode);
        Assert.Equal(0, user.ExitCode);
        Assert.Contains("owner of the install", user.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, token.ExitCode);
        var secret = token.Stdout.TrimEnd('\n', '\r');
        Assert.Matches("^qlm_[A-Za-z0-9_-]{43}$", secret);
        Assert.Equal(0, blog.ExitCode);
        Assert.Equal(0, author.ExitCode);
        Assert.Contains("(author)", author.Stdout, StringComparison.Ordinal);

        await using var app = new QalamApp(database);
        var created = await (await app.Reader().WithToken(secret).PostJsonAsync("/api/v1/blogs/daftar/posts", new { title = "از خط فرمان", status = "published" }))
            .JsonAsync(HttpStatusCode.Created);
        Assert.Equal("از-خط-فرمان", created.GetProperty("slug").GetString());
    }

    [Fact]
    public async Task Mistakes_exit_non_zero_with_one_clear_line_on_stderr()
    {
        await using var database = await TestDatabase.CreateAsync();
        await QalamAsync(database, "users", "create", "--email", "owner@example.com", "--password", Seed.Password);

        var duplicate = await QalamAsync(database, "users", "create", "--email", "owner@example.com", "--password", Seed.Password);
        var weak = await QalamAsync(database, "users", "create", "--email", "weak@example.com", "--password", "short");
        var missing = await QalamAsync(database, "tokens", "create");
        var stranger = await QalamAsync(database, "tokens", "create", "--email", "nobody@example.com");
        var reserved = await QalamAsync(database, "blogs", "create", "--handle", "admin", "--title", "x", "--language", "en");
        var language = await QalamAsync(database, "blogs", "create", "--handle", "ok", "--title", "x", "--language", "de");

        foreach (var run in new[] { duplicate, weak, missing, stranger, reserved, language })
        {
            Assert.NotEqual(0, run.ExitCode);
            var lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(lines.Length >= 1 && lines[0].StartsWith("error: ", StringComparison.Ordinal), run.Stderr);
        }
        Assert.Contains("already taken", duplicate.Stderr, StringComparison.Ordinal);
        Assert.Contains("at least 10", weak.Stderr, StringComparison.Ordinal);
        Assert.Contains("--email", missing.Stderr, StringComparison.Ordinal);
        Assert.Contains("nobody@example.com", stranger.Stderr, StringComparison.Ordinal);
        Assert.Contains("reserved", reserved.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_wordpress_reads_an_export_prints_a_summary_and_refuses_a_broken_file_in_one_line()
    {
        await using var database = await TestDatabase.CreateAsync();
        await QalamAsync(database, "blogs", "create", "--handle", "moved", "--title", "Moved", "--language", "en");
        var file = Repo.SharedTestData("wordpress", "themeunittestdata.wordpress.xml");

        var first = await QalamAsync(database, "import", "wordpress", file, "--blog", "moved");
        var again = await QalamAsync(database, "import", "wordpress", file, "--blog", "moved");
        var broken = await QalamAsync(database, "import", "wordpress", Repo.SharedTestData("wordpress", "importer-fixtures", "malformed-simple.xml"), "--blog", "moved");
        var nowhere = await QalamAsync(database, "import", "wordpress", file, "--blog", "nosuchblog");

        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.Matches(@"Posts\s*│\s*58\s*│", first.Stdout);
        Assert.Matches(@"Pages\s*│\s*21\s*│", first.Stdout);
        Assert.Matches(@"Comments approved\s*│\s*23\s*│", first.Stdout);
        Assert.Equal(37, first.Stdout.Split('\n').Count(l => l.StartsWith("attachment not downloaded: https://", StringComparison.Ordinal)));
        Assert.Equal(0, again.ExitCode);
        Assert.Matches(@"Already imported before \(skipped\)\s*│\s*79\s*│", again.Stdout);
        Assert.NotEqual(0, broken.ExitCode);
        Assert.StartsWith("error: malformed-simple.xml: The file is not well-formed XML", broken.Stderr, StringComparison.Ordinal);
        Assert.Single(broken.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("nosuchblog", nowhere.Stderr, StringComparison.Ordinal);

        await using var app = new QalamApp(database);
        var posts = await app.Reader().GetAsync("/api/v1/blogs/moved/posts");
        Assert.Equal(HttpStatusCode.OK, posts.StatusCode);
        using var moved = await app.Reader().GetAsync("/moved/2013/01/11/markup-html-tags-and-formatting/");
        Assert.Equal(HttpStatusCode.MovedPermanently, moved.StatusCode);
        Assert.Equal("/moved/posts/markup-html-tags-and-formatting", moved.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Import_markdown_reads_a_folder_and_names_the_broken_file_in_one_line()
    {
        await using var database = await TestDatabase.CreateAsync();
        await QalamAsync(database, "blogs", "create", "--handle", "notes", "--title", "Notes", "--language", "fa");

        var site = await QalamAsync(database, "import", "markdown", Repo.Path("tests", "Qalam.Tests", "Import", "Fixtures", "markdown-site"), "--blog", "notes");
        var broken = await QalamAsync(database, "import", "markdown", Repo.Path("tests", "Qalam.Tests", "Import", "Fixtures", "markdown-broken"), "--blog", "notes");
        var missing = await QalamAsync(database, "import", "markdown", "/no/such/folder", "--blog", "notes");

        var reindex = await QalamAsync(database, "reindex");

        Assert.True(site.ExitCode == 0, site.Stderr);
        Assert.Matches(@"Posts\s*│\s*7\s*│", site.Stdout);
        // Five of the seven are published (one of them scheduled); drafts are not searchable.
        Assert.Matches(@"Search: rebuilt .* from the database, 5 posts\.", reindex.Stdout);
        Assert.NotEqual(0, broken.ExitCode);
        Assert.StartsWith("error: 2020-01-02-bad.md: its YAML front matter is not valid", broken.Stderr, StringComparison.Ordinal);
        Assert.Contains("Nothing was imported.", broken.Stderr, StringComparison.Ordinal);
        Assert.StartsWith("error: No folder at /no/such/folder", missing.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_wordpress_and_markdown_write_files_that_import_back()
    {
        await using var database = await TestDatabase.CreateAsync();
        await QalamAsync(database, "blogs", "create", "--handle", "source", "--title", "Source", "--language", "en");
        await QalamAsync(database, "blogs", "create", "--handle", "copy", "--title", "Copy", "--language", "en");
        await QalamAsync(database, "import", "wordpress", Repo.SharedTestData("wordpress", "theme-preview.xml"), "--blog", "source");
        var folder = Directory.CreateTempSubdirectory("qalam-export-");
        var file = Path.Combine(folder.FullName, "source.xml");

        var wxr = await QalamAsync(database, "export", "wordpress", "--blog", "source", "--out", file, "--origin", "https://blog.example");
        var markdown = await QalamAsync(database, "export", "markdown", "--blog", "source", "--out", Path.Combine(folder.FullName, "md"));
        var back = await QalamAsync(database, "import", "wordpress", file, "--blog", "copy");
        var badOrigin = await QalamAsync(database, "export", "wordpress", "--blog", "source", "--out", file, "--origin", "blog.example/path");

        Assert.True(wxr.ExitCode == 0, wxr.Stderr);
        Assert.Equal($"Wrote 7 posts, 2 comments and 8 tags of source to {file}.", wxr.Stdout.Trim());
        Assert.Contains("<link>https://blog.example/source</link>", await File.ReadAllTextAsync(file), StringComparison.Ordinal);
        Assert.True(markdown.ExitCode == 0, markdown.Stderr);
        Assert.Equal(7, Directory.GetFiles(Path.Combine(folder.FullName, "md"), "*.md").Length);
        Assert.Matches(@"Posts\s*│\s*7\s*│", back.Stdout);
        Assert.NotEqual(0, badOrigin.ExitCode);
        Assert.StartsWith("error: The origin blog.example/path is not", badOrigin.Stderr, StringComparison.Ordinal);
        folder.Delete(recursive: true);
    }

    [Fact]
    public async Task An_operator_lists_restores_and_empties_a_blogs_trash()
    {
        await using var database = await TestDatabase.CreateAsync();
        await QalamAsync(database, "migrate");
        await QalamAsync(database, "blogs", "create", "--handle", "sabad", "--title", "سبد", "--language", "fa");
        int kept, gone;
        await using (var app = new QalamApp(database))
        {
            using var scope = app.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<QalamDb>();
            var blog = await db.Blogs.AsNoTracking().SingleAsync(b => b.Handle == "sabad");
            kept = (await app.Seed.PostAsync(blog, "ماندنی")).Id;
            gone = (await app.Seed.PostAsync(blog, "رفتنی")).Id;
            var trash = scope.ServiceProvider.GetRequiredService<PostTrash>();
            foreach (var id in new[] { kept, gone })
            {
                await trash.TrashAsync(await db.Posts.SingleAsync(p => p.Id == id), CancellationToken.None);
            }
        }

        var list = await QalamAsync(database, "trash", "list", "--blog", "sabad");
        var restore = await QalamAsync(database, "trash", "restore", "--blog", "sabad", "--id", kept.ToString(CultureInfo.InvariantCulture));
        var empty = await QalamAsync(database, "trash", "empty", "--blog", "sabad");
        var missing = await QalamAsync(database, "trash", "restore", "--blog", "sabad", "--id", gone.ToString(CultureInfo.InvariantCulture));

        Assert.Equal(0, list.ExitCode);
        var lines = list.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains(lines, l => l.StartsWith($"{kept}\t", StringComparison.Ordinal) && l.EndsWith("\tماندنی", StringComparison.Ordinal));
        Assert.Equal(0, restore.ExitCode);
        Assert.Equal(0, empty.ExitCode);
        Assert.Contains("Removed 1 posts", empty.Stdout, StringComparison.Ordinal);
        Assert.NotEqual(0, missing.ExitCode);
        Assert.StartsWith("error: The trash of sabad holds no post", missing.Stderr, StringComparison.Ordinal);
        await using var after = new QalamApp(database);
        Assert.Equal(HttpStatusCode.OK, (await after.Reader().GetAsync($"/sabad/posts/{Uri.EscapeDataString("ماندنی")}")).StatusCode);
    }
}
