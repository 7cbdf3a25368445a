using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qalam.Blogs;
using Qalam.Comments;
using Qalam.Import;
using Qalam.Posts;
using Qalam.Storage;

namespace Qalam.Tests.Import;

// The round trip: what Qalam exports, Qalam imports back into another blog as the same posts, tags and comments.
[Collection(SharedAppCollection.Name)]
public sealed class ExportTests(SharedApp shared)
{
    private static readonly XNamespace Wp = "http://wordpress.org/export/1.2/";

    private QalamApp App => shared.App;

    private sealed record PostShape(string Title, string Slug, string Language, string Status, DateTime? PublishedAt, string Markdown, string Tags);

    private sealed record CommentShape(string Post, string Author, string? Email, string? Website, string Body, CommentStatus Status, DateTime CreatedAt, string? ParentAuthor);

    private async Task<byte[]> ExportWordPressAsync(Blog blog)
    {
        using var scope = App.Services.CreateScope();
        using var stream = new MemoryStream();
        await scope.ServiceProvider.GetRequiredService<WxrWriter>().WriteAsync(blog.Id, scope.ServiceProvider.GetRequiredService<Qalam.Blogs.BlogAddresses>().Site("https://example.com"), stream, CancellationToken.None);
        return stream.ToArray();
    }

    private async Task<ImportReport> ImportWordPressAsync(Blog blog, byte[] file)
    {
        using var scope = App.Services.CreateScope();
        using var stream = new MemoryStream(file);
        return await scope.ServiceProvider.GetRequiredService<WordPressImporter>().ImportAsync(blog.Id, stream, null, CancellationToken.None);
    }

    private async Task<(List<PostShape> Posts, List<CommentShape> Comments)> ShapeAsync(Blog blog)
    {
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QalamDb>();
        var now = App.Time.GetUtcNow().UtcDateTime;
        var posts = await db.Posts.AsNoTracking().Include(p => p.Tags).Where(p => p.BlogId == blog.Id).ToListAsync();
        var comments = await db.Comments.AsNoTracking().Where(c => c.BlogId == blog.Id && c.Status != CommentStatus.Deleted).ToListAsync();
        var titles = posts.ToDictionary(p => p.Id, p => p.Title);
        var authors = comments.ToDictionary(c => c.Id, c => c.AuthorName);
        return (
            posts.Select(p => new PostShape(p.Title, p.Slug, p.Language, p.EffectiveStatus(now).ToString(),
                    p.Status == PostStatus.Published ? p.PublishedAt : null, p.BodyMarkdown,
                    string.Join('|', p.Tags.Select(t => t.Name).Order(StringComparer.Ordinal))))
                .OrderBy(p => p.Slug, StringComparer.Ordinal).ToList(),
            comments.Select(c => new CommentShape(titles[c.PostId], c.AuthorName, c.AuthorEmail, c.AuthorWebsite, c.Body, c.Status, c.CreatedAt,
                    c.ParentId is { } parent ? authors[parent] : null))
                .OrderBy(c => c.Post, StringComparer.Ordinal).ThenBy(c => c.CreatedAt).ThenBy(c => c.Author, StringComparer.Ordinal).ToList());
    }

    // Shows the first pair that differs in full, which a whole-list comparison cuts short.
    private static void AssertSame<T>(List<T> expected, List<T> actual)
    {
        foreach (var (e, a) in expected.Zip(actual))
        {
            Assert.Equal(e, a);
        }
        Assert.Equal(expected.Count, actual.Count);
    }

    [Fact]
    public async Task A_blog_exported_as_WXR_and_imported_into_another_blog_has_the_same_posts_tags_and_comments()
    {
        var blog = await App.Seed.BlogAsync("fa");
        var now = App.Time.GetUtcNow().UtcDateTime;
        var poem = await App.Seed.PostAsync(blog, "حافظ & سعدی", "بند **نخست**.\n\n```\ncode ]]> with a CDATA end\n```\n\n<b>raw</b> & <3", tags: ["شعر", "حافظ"]);
        await App.Seed.PostAsync(blog, "An English post", "Plain *English*.", language: "en", tags: ["poetry"]);
        await App.Seed.PostAsync(blog, "پیش‌نویس", "هنوز نه.", draft: true);
        await App.Seed.PostAsync(blog, "Later", "Soon.", publishedAt: now.AddDays(3));
        var first = await App.Seed.CommentAsync(poem, "مریم", "چه خوب.\n\nبند دوم <script>x</script> & more", website: "https://example.ir/");
        await App.Seed.CommentAsync(poem, "Ali", "A reply.", parentId: first.Id);
        await App.Seed.CommentAsync(poem, "Held", "Waiting.", CommentStatus.Pending);
        await App.Seed.CommentAsync(poem, "Spammer", "Buy now", CommentStatus.Spam);
        var copy = await App.Seed.BlogAsync("fa");

        var file = await ExportWordPressAsync(blog);
        var report = await ImportWordPressAsync(copy, file);

        Assert.Equal((4, 4), (report.PostsCreated, report.CommentsCreated));
        var original = await ShapeAsync(blog);
        var imported = await ShapeAsync(copy);
        AssertSame(original.Posts, imported.Posts);
        AssertSame(original.Comments, imported.Comments);
    }

    [Fact]
    public async Task The_Theme_Unit_Test_data_survives_import_export_and_import_again()
    {
        var first = await App.Seed.BlogAsync("en");
        var second = await App.Seed.BlogAsync("en");
        await using (var stream = File.OpenRead(Repo.SharedTestData("wordpress", "themeunittestdata.wordpress.xml")))
        {
            using var scope = App.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<WordPressImporter>().ImportAsync(first.Id, stream, null, CancellationToken.None);
        }

        var file = await ExportWordPressAsync(first);
        await ImportWordPressAsync(second, file);

        var before = await ShapeAsync(first);
        var after = await ShapeAsync(second);
        Assert.Equal(58, after.Posts.Count);
        AssertSame(before.Posts, after.Posts);
        AssertSame(before.Comments, after.Comments);
    }

    // wordpress-export-to-markdown (npm), a widely used converter of WordPress exports, reads our file as it reads
    // WordPress's own: one Markdown file per post that is not a draft, with its title, date and tags.
    [Fact]
    public async Task A_third_party_WordPress_export_reader_reads_our_export()
    {
        var blog = await App.Seed.BlogAsync("en");
        await using (var stream = File.OpenRead(Repo.SharedTestData("wordpress", "themeunittestdata.wordpress.xml")))
        {
            using var scope = App.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<WordPressImporter>().ImportAsync(blog.Id, stream, null, CancellationToken.None);
        }
        var folder = Directory.CreateTempSubdirectory("qalam-w2m-");
        var file = Path.Combine(folder.FullName, "export.xml");
        await File.WriteAllBytesAsync(file, await ExportWordPressAsync(blog));

        var start = new System.Diagnostics.ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder.FullName };
        foreach (var arg in new[]
        {
            Repo.Path("tests", "Qalam.Tests", "node_modules", "wordpress-export-to-markdown", "index.js"),
            "--wizard", "false", "--input", file, "--output", "out", "--post-folders", "false",
            "--save-attached-images", "false", "--save-scraped-images", "false",
        })
        {
            start.ArgumentList.Add(arg);
        }
        using (var process = System.Diagnostics.Process.Start(start)!)
        {
            var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, output);
        }

        var converted = Directory.GetFiles(Path.Combine(folder.FullName, "out"), "*.md")
            .ToDictionary(f => Path.GetFileNameWithoutExtension(f), File.ReadAllText);
        using var check = App.Services.CreateScope();
        var now = App.Time.GetUtcNow().UtcDateTime;
        var posts = await check.ServiceProvider.GetRequiredService<QalamDb>().Posts.AsNoTracking()
            .Where(p => p.BlogId == blog.Id && p.Status == PostStatus.Published).ToListAsync();
        Assert.Equal(56, posts.Count);
        Assert.Equal(posts.Count, converted.Count);
        foreach (var post in posts)
        {
            var text = converted[post.Slug];
            // The converter escapes only double quotes in its YAML strings.
            Assert.Contains($"title: \"{post.Title.Replace("\"", "\\\"", StringComparison.Ordinal)}\"", text, StringComparison.Ordinal);
            Assert.Contains($"date: \"{post.PublishedAt!.Value:yyyy-MM-dd}\"", text, StringComparison.Ordinal);
        }
        folder.Delete(recursive: true);
    }

    [Fact]
    public async Task The_export_has_what_WordPress_s_importer_reads()
    {
        var blog = await App.Seed.BlogAsync("fa");
        var post = await App.Seed.PostAsync(blog, "سلام دنیا", "متن.", tags: ["شعر"]);
        await App.Seed.CommentAsync(post, "مریم", "نظر");

        var document = XDocument.Load(new MemoryStream(await ExportWordPressAsync(blog)));

        var channel = document.Root!.Element("channel")!;
        Assert.Equal("2.0", document.Root.Attribute("version")?.Value);
        Assert.Equal("1.2", channel.Element(Wp + "wxr_version")?.Value);
        Assert.Equal("https://example.com", channel.Element(Wp + "base_site_url")?.Value);
        Assert.Equal($"https://example.com/{blog.Handle}", channel.Element(Wp + "base_blog_url")?.Value);
        Assert.Equal("شعر", channel.Element(Wp + "tag")?.Element(Wp + "tag_name")?.Value);
        var item = Assert.Single(channel.Elements("item"));
        Assert.Equal($"https://example.com{("/" + blog.Handle + PostPaths.Of(post.Slug))}", item.Element("link")?.Value);
        Assert.Equal(("post", "publish", post.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            (item.Element(Wp + "post_type")?.Value, item.Element(Wp + "status")?.Value, item.Element(Wp + "post_id")?.Value));
        Assert.Equal(Uri.EscapeDataString("سلام-دنیا").ToLowerInvariant(), item.Element(Wp + "post_name")?.Value);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$", item.Element(Wp + "post_date_gmt")?.Value);
        Assert.Equal("<p>متن.</p>", item.Element((XNamespace)"http://purl.org/rss/1.0/modules/content/" + "encoded")?.Value.Trim());
        Assert.Equal("post_tag", item.Element("category")?.Attribute("domain")?.Value);
        var comment = Assert.Single(item.Elements(Wp + "comment"));
        Assert.Equal(("مریم", "1", "0"), (comment.Element(Wp + "comment_author")?.Value, comment.Element(Wp + "comment_approved")?.Value, comment.Element(Wp + "comment_parent")?.Value));
    }

    [Fact]
    public async Task A_blog_exported_as_Markdown_files_imports_back_as_the_same_posts()
    {
        var blog = await App.Seed.BlogAsync("fa");
        var now = App.Time.GetUtcNow().UtcDateTime;
        await App.Seed.PostAsync(blog, "حافظ: «غزل» و 'نقل‌قول'", "بند **نخست**.\n\n---\n\nپس از خط.", tags: ["شعر", "حافظ"]);
        await App.Seed.PostAsync(blog, "An English post", "Plain *English*.", language: "en", tags: ["poetry"]);
        await App.Seed.PostAsync(blog, "پیش‌نویس", "هنوز نه.", draft: true);
        await App.Seed.PostAsync(blog, "Later", "Soon.", publishedAt: now.AddDays(3));
        var copy = await App.Seed.BlogAsync("fa");
        var folder = Directory.CreateTempSubdirectory("qalam-md-export-");

        using (var scope = App.Services.CreateScope())
        {
            Assert.Equal(4, await scope.ServiceProvider.GetRequiredService<MarkdownFolderWriter>().WriteAsync(blog.Id, folder, CancellationToken.None));
            await scope.ServiceProvider.GetRequiredService<MarkdownFolderImporter>().ImportAsync(copy.Id, folder, null, CancellationToken.None);
        }

        Assert.Equal((await ShapeAsync(blog)).Posts, (await ShapeAsync(copy)).Posts);
        folder.Delete(recursive: true);
    }
}
