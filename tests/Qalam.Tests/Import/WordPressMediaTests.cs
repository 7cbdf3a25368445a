using System.IO.Compression;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qalam.Blogs;
using Qalam.Http;
using Qalam.Import;
using Qalam.Media;
using Qalam.Posts;
using Qalam.Storage;
using Qalam.Tests.Media;
using SkiaSharp;

namespace Qalam.Tests.Import;

// A WordPress site's images come in with its posts: from its uploads (a folder or a zip) or fetched from the old site
// (public addresses only), through the upload pipeline, with the posts' links rewritten and featured images set from
// _thumbnail_id; a second import of the same site brings nothing twice.
[Collection(SharedAppCollection.Name)]
public sealed partial class WordPressMediaTests(SharedApp shared) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("qalam-uploads-").FullName;

    private QalamApp App => shared.App;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<ImportReport> ImportAsync(Blog blog, string path, WordPressMediaSource source)
    {
        using var scope = App.Services.CreateScope();
        await using var stream = File.OpenRead(path);
        return await scope.ServiceProvider.GetRequiredService<WordPressImporter>().ImportAsync(blog.Id, stream, null, CancellationToken.None, source);
    }

    [Fact]
    public async Task The_Theme_Unit_Test_images_come_in_from_a_zip_of_the_uploads_with_featured_images_and_nothing_twice()
    {
        var export = Repo.SharedTestData("wordpress", "themeunittestdata.wordpress.xml");
        var images = AttachmentUrl().Matches(File.ReadAllText(export)).Select(m => m.Groups[1].Value)
            .Where(u => u.EndsWith(".jpg", StringComparison.Ordinal) || u.EndsWith(".gif", StringComparison.Ordinal)).Distinct().ToList();
        // The uploads as WordPress.com keeps them (year/month/name), zipped one level up as "uploads/…".
        var zip = Path.Combine(_folder, "uploads.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            foreach (var url in images)
            {
                var entry = archive.CreateEntry("uploads" + new Uri(url).AbsolutePath);
                await using var stream = await entry.OpenAsync();
                await stream.WriteAsync(TestImages.Jpeg(64, 40, (x, _) => x < 32 ? SKColors.Teal : SKColors.Orange));
            }
        }
        var blog = await App.Seed.BlogAsync("en");

        var report = await ImportAsync(blog, export, new WordPressMediaSource(zip, Fetch: false));

        Assert.Equal(images.Count, report.MediaImported);
        Assert.Equal(6, report.FeaturedImages); // the six posts that name a thumbnail (_thumbnail_id)
        using (var scope = App.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QalamDb>();
            Assert.Equal(images.Count, await db.MediaFiles.CountAsync(m => m.BlogId == blog.Id));
            var bodies = await db.Posts.Where(p => p.BlogId == blog.Id).Select(p => p.BodyMarkdown).ToListAsync();
            // No post shows an image of the old site that came in; the resized variants (-150x150) point at the original.
            Assert.DoesNotContain(bodies, b => images.Any(i => b.Contains(i, StringComparison.Ordinal)));
            Assert.Contains(bodies, b => b.Contains($"\"/media/{blog.Handle}/", StringComparison.Ordinal));
            var featured = await db.Posts.Where(p => p.BlogId == blog.Id && p.FeaturedImageId != null).Select(p => p.Slug).ToListAsync();
            Assert.Equal(6, featured.Count);
            var page = await App.Reader().GetPageAsync($"/{blog.Handle}/posts/{featured[0]}");
            var picture = page.QuerySelector("figure.featured-image img")!;
            Assert.Equal(HttpStatusCode.OK, (await App.Reader().GetAsync(picture.GetAttribute("src"))).StatusCode);
        }

        var again = await ImportAsync(blog, export, new WordPressMediaSource(zip, Fetch: false));
        Assert.Equal((0, images.Count), (again.MediaImported, again.MediaAlreadyImported));
        using (var scope = App.Services.CreateScope())
        {
            Assert.Equal(images.Count, await scope.ServiceProvider.GetRequiredService<QalamDb>().MediaFiles.CountAsync(m => m.BlogId == blog.Id));
        }
    }

    [Fact]
    public async Task Fetching_refuses_loopback_private_and_metadata_addresses_and_a_folder_cannot_be_left()
    {
        // A server inside the machine that must never be asked.
        using var inside = new TcpListener(IPAddress.Loopback, 0);
        inside.Start();
        var port = ((IPEndPoint)inside.LocalEndpoint).Port;
        File.WriteAllBytes(Path.Combine(_folder, "secret.png"), TestImages.Png(10, 10));
        var uploads = Directory.CreateDirectory(Path.Combine(_folder, "uploads")).FullName;
        Directory.CreateDirectory(Path.Combine(uploads, "2024", "05"));
        File.WriteAllBytes(Path.Combine(uploads, "2024", "05", "kept.png"), TestImages.Png(30, 20));
        var export = Path.Combine(_folder, "site.xml");
        File.WriteAllText(export, Wxr(
            ("kept", "https://old.example/wp-content/uploads/2024/05/kept.png"),
            ("loopback", $"http://127.0.0.1:{port}/wp-content/uploads/a.png"),
            ("localhost", $"http://localhost:{port}/wp-content/uploads/b.png"),
            ("metadata", "http://169.254.169.254/latest/meta-data/c.png"),
            ("private", "http://10.0.0.8/wp-content/uploads/d.png"),
            ("escape", "https://old.example/wp-content/uploads/../../secret.png")));
        var blog = await App.Seed.BlogAsync("en");

        var report = await ImportAsync(blog, export, new WordPressMediaSource(uploads, Fetch: true));

        Assert.Equal(1, report.MediaImported);
        Assert.False(inside.Pending(), "a request reached the loopback server");
        foreach (var refused in new[] { "127.0.0.1", "localhost", "169.254.169.254", "10.0.0.8" })
        {
            Assert.Contains(report.MediaNotImported, line => line.Contains(refused, StringComparison.Ordinal) && line.Contains("not a public address", StringComparison.Ordinal));
        }
        using var scope = App.Services.CreateScope();
        Assert.Equal(["kept.png"], await scope.ServiceProvider.GetRequiredService<QalamDb>().MediaFiles.Where(m => m.BlogId == blog.Id).Select(m => m.OriginalName).ToListAsync());
    }

    [Fact]
    public async Task Once_the_blog_is_full_no_more_images_are_read_or_fetched()
    {
        var picture = TestImages.Png(30, 20);
        var uploads = Directory.CreateDirectory(Path.Combine(_folder, "full")).FullName;
        File.WriteAllBytes(Path.Combine(uploads, "a.png"), picture);
        File.WriteAllBytes(Path.Combine(uploads, "b.png"), picture);
        var export = Path.Combine(_folder, "full.xml");
        File.WriteAllText(export, Wxr(("a", "https://old.example/wp-content/uploads/a.png"), ("b", "https://old.example/wp-content/uploads/b.png"),
            ("c", "https://old.example/wp-content/uploads/c.png")));
        var blog = await App.Seed.BlogAsync("en");
        var stored = ((ImageOutcome.Ready)ImageProcessor.Process(picture, 1000)).Image.Bytes.Length;
        await App.Seed.UpdateBlogAsync(blog, b => b.MediaQuotaBytes = stored + 10);

        var report = await ImportAsync(blog, export, new WordPressMediaSource(uploads, Fetch: true));

        Assert.Equal(1, report.MediaImported);
        // b was read and refused; c, which is not in the folder and would have been fetched, was not even tried.
        Assert.Equal(["https://old.example/wp-content/uploads/b.png (QuotaReached)", "https://old.example/wp-content/uploads/c.png (QuotaReached)"],
            report.MediaNotImported);
    }

    [Fact]
    public void Only_public_addresses_are_public()
    {
        foreach (var inside in new[] { "127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0",
            "224.0.0.1", "::1", "fe80::1", "fd00::1", "::ffff:10.0.0.1", "::ffff:127.0.0.1", "64:ff9b::a00:1" })
        {
            Assert.False(PublicAddresses.IsPublic(IPAddress.Parse(inside)), inside);
        }
        foreach (var outside in new[] { "1.1.1.1", "93.184.216.34", "172.32.0.1", "2606:4700:4700::1111" })
        {
            Assert.True(PublicAddresses.IsPublic(IPAddress.Parse(outside)), outside);
        }
    }

    // A WordPress export with one post showing each image, and each image as an attachment.
    internal static string Wxr(params (string Name, string Url)[] images) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/" xmlns:dc="http://purl.org/dc/elements/1.1/">
        <channel><title>Old</title><link>https://old.example</link><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://old.example</wp:base_site_url>
        {string.Join("\n", images.Select((image, i) => $"""
            <item><title>{image.Name}</title><wp:post_id>{100 + i}</wp:post_id><wp:post_type>attachment</wp:post_type><wp:status>inherit</wp:status>
            <wp:attachment_url>{WebUtility.HtmlEncode(image.Url)}</wp:attachment_url></item>
            <item><title>Post {image.Name}</title><wp:post_id>{200 + i}</wp:post_id><wp:post_type>post</wp:post_type><wp:status>publish</wp:status>
            <wp:post_date_gmt>2024-05-01 10:00:00</wp:post_date_gmt><wp:post_name>post-{image.Name}</wp:post_name>
            <content:encoded><![CDATA[<p>Look: <img src="{image.Url}" alt="{image.Name}"></p>]]></content:encoded>
            <wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>{100 + i}</wp:meta_value></wp:postmeta></item>
            """))}
        </channel></rss>
        """;

    [GeneratedRegex(@"<wp:attachment_url>(?:<!\[CDATA\[)?([^<\]]+)")]
    private static partial Regex AttachmentUrl();
}
