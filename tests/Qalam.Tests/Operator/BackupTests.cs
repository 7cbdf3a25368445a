using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qalam.Accounts;
using Qalam.Blogs;
using Qalam.Comments;
using Qalam.Media;
using Qalam.Posts;
using Qalam.Similar;
using Qalam.Storage;

namespace Qalam.Tests.Operator;

// `qalam backup` on an install with sample content and an uploaded image, `qalam restore` into an empty install on
// the same kind of database, and a comparison of what readers and the database then hold.
public sealed class BackupTests
{
    private sealed record Snapshot(string Counts, List<string> Posts, string PostPage, byte[] Image);

    private static async Task<Snapshot> SnapshotAsync(QalamApp app, string handle, string slug, string imagePath)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QalamDb>();
        var counts = $"{await db.Blogs.CountAsync()} blogs, {await db.Posts.CountAsync()} posts, {await db.Comments.CountAsync()} comments, " +
            $"{await db.Users.CountAsync()} people, {await db.Tags.CountAsync()} tags, {await db.SimilarPosts.CountAsync()} similar, {await db.MediaFiles.CountAsync()} media";
        var posts = await db.Posts.AsNoTracking().OrderBy(p => p.Id).Select(p => p.Slug + "|" + p.Title + "|" + p.BodyHtml + "|" + p.PublishedAt).ToListAsync();
        var reader = app.Reader(Browsers.Googlebot);
        var page = await reader.GetPageAsync($"/{handle}/posts/{Uri.EscapeDataString(slug)}");
        return new Snapshot(counts, posts, page.QuerySelector("article")!.OuterHtml + page.QuerySelector(".similar")?.OuterHtml, await reader.GetByteArrayAsync(imagePath));
    }

    [Fact]
    public async Task A_backup_restored_into_an_empty_install_holds_the_same_blogs_posts_people_and_media()
    {
        var mediaA = Directory.CreateTempSubdirectory("qalam-media-a-");
        var mediaB = Directory.CreateTempSubdirectory("qalam-media-b-");
        var zip = Path.Combine(Path.GetTempPath(), $"qalam-backup-{Guid.NewGuid():N}.zip");
        await using var source = await TestDatabase.CreateAsync();
        await using var target = await TestDatabase.CreateAsync();
        try
        {
            Snapshot before;
            string handle, slug, imagePath;
            await using (var app = new QalamApp(source, sampleContent: true, settings: new Dictionary<string, string> { ["Media:Directory"] = mediaA.FullName }))
            {
                _ = app.Server;
                var owner = await app.Seed.UserAsync(InstallRole.Owner);
                await using (var scope = app.Services.CreateAsyncScope())
                {
                    var db = scope.ServiceProvider.GetRequiredService<QalamDb>();
                    var blog = await db.Blogs.AsNoTracking().OrderBy(b => b.Id).Select(BlogView.FromBlog).FirstAsync();
                    var post = await db.Posts.AsNoTracking().Where(p => p.BlogId == blog.Id).OrderBy(p => p.Id).FirstAsync();
                    (handle, slug) = (blog.Handle, post.Slug);
                    // One transparent pixel.
                    var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
                    var stored = await scope.ServiceProvider.GetRequiredService<MediaLibrary>().StoreAsync(
                        new BlogAccess(blog, new Viewer(owner.Id, InstallRole.Owner), BlogRole.Owner), "pic.png", png.Length, new MemoryStream(png), CancellationToken.None);
                    imagePath = $"/media/{blog.Handle}/{Assert.IsType<UploadOutcome.Stored>(stored).File.StoredName}";
                }
                before = await SnapshotAsync(app, handle, slug, imagePath);
            }

            var backup = await QalamProcess.RunAsync(source, new Dictionary<string, string> { ["Media__Directory"] = mediaA.FullName }, "backup", "--out", zip);
            var restore = await QalamProcess.RunAsync(target, new Dictionary<string, string> { ["Media__Directory"] = mediaB.FullName }, "restore", zip);
            var again = await QalamProcess.RunAsync(target, new Dictionary<string, string> { ["Media__Directory"] = mediaB.FullName }, "restore", zip);
            var notABackup = await QalamProcess.RunAsync(target, "restore", typeof(BackupTests).Assembly.Location);

            Assert.True(backup.ExitCode == 0, backup.Stderr);
            Assert.Contains($"database and 1 media files.", backup.Stdout, StringComparison.Ordinal);
            Assert.True(restore.ExitCode == 0, restore.Stderr);
            Assert.Equal((1, "error: This install already has blogs or people; restore into an empty one, or add --replace to overwrite it.\n"),
                (again.ExitCode, again.Stderr.ReplaceLineEndings("\n")));
            Assert.Equal(1, notABackup.ExitCode);
            Assert.EndsWith("is not a Qalam backup.\n", notABackup.Stderr.ReplaceLineEndings("\n"), StringComparison.Ordinal);

            await using (var restored = new QalamApp(target, settings: new Dictionary<string, string> { ["Media:Directory"] = mediaB.FullName }))
            {
                var after = await SnapshotAsync(restored, handle, slug, imagePath);
                Assert.Equal(before.Counts, after.Counts);
                Assert.Equal(before.Posts, after.Posts);
                Assert.Equal(before.PostPage, after.PostPage);
                Assert.Equal(before.Image, after.Image);
                // People can sign in with what they had.
                var owner = await restored.Services.CreateAsyncScope().ServiceProvider.GetRequiredService<QalamDb>().Users.FirstAsync(u => u.InstallRole == InstallRole.Owner);
                await restored.SignedInAsync(owner);
            }
        }
        finally
        {
            File.Delete(zip);
            mediaA.Delete(recursive: true);
            mediaB.Delete(recursive: true);
        }
    }
}
