using System.IO.Compression;
using System.Net.Http.Headers;
using System.Xml.Linq;
using AngleSharp.Dom;
using Qalam.Accounts;
using Qalam.Blogs;

namespace Qalam.Tests.Import;

// The admin area's import and export page over HTTP: an owner uploads a WordPress export, the worker imports it in
// the background, and the job's page reports it; others cannot see or start imports, or download a blog.
[Collection(SharedAppCollection.Name)]
public sealed class AdminImportTests(SharedApp shared)
{
    private QalamApp App => shared.App;

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string handle, string path, byte[]? uploadsZip = null)
    {
        var page = await client.GetPageAsync($"/admin/{handle}/import");
        // The upload form's own token, as a browser would send it.
        var token = page.QuerySelector("#import-heading ~ form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(await File.ReadAllBytesAsync(path));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/xml");
        content.Add(file, "file", Path.GetFileName(path));
        if (uploadsZip is not null)
        {
            content.Add(new ByteArrayContent(uploadsZip), "uploads", "uploads.zip");
        }
        return await client.PostAsync($"/admin/{handle}/import", content);
    }

    // The page refreshes itself while the import runs; a test asks again until it has ended.
    private static async Task<IDocument> FinishedAsync(HttpClient client, string jobPath)
    {
        for (var attempt = 0; attempt < 120; attempt++)
        {
            var page = await client.GetPageAsync(jobPath);
            if (page.QuerySelector("meta[http-equiv=refresh]") is null)
            {
                return page;
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"{jobPath} did not finish.");
    }

    private async Task<(Blog Blog, HttpClient Owner)> OwnedBlogAsync(string language)
    {
        var blog = await App.Seed.BlogAsync(language);
        var owner = await App.Seed.UserAsync();
        await App.Seed.GrantAsync(blog, owner, BlogRole.Owner);
        return (blog, await App.SignedInAsync(owner));
    }

    [Fact]
    public async Task An_owner_uploads_a_WordPress_export_and_sees_it_imported_with_its_report()
    {
        var (blog, owner) = await OwnedBlogAsync("en");

        using var upload = await UploadAsync(owner, blog.Handle, Repo.SharedTestData("wordpress", "themeunittestdata.wordpress.xml"));
        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        var jobPath = upload.Headers.Location!.OriginalString;
        Assert.Matches($"^/admin/{blog.Handle}/import/[0-9a-f-]{{36}}$", jobPath);
        var page = await FinishedAsync(owner, jobPath);

        Assert.Equal("Imported", page.QuerySelector(".import-job [role=status]").Text());
        var rows = page.QuerySelectorAll(".import-job tbody tr").ToDictionary(r => r.Children[0].Text(), r => r.Children[1].Text());
        Assert.Equal("58", rows["Posts"]);
        Assert.Equal("21", rows["Pages"]);
        Assert.Equal("23", rows["Comments approved"]);
        Assert.Equal("37", rows["Attachments not downloaded (remote files)"]);
        var home = await App.Reader().GetPageAsync($"/{blog.Handle}");
        Assert.NotEmpty(home.QuerySelectorAll("article.summary"));
        var history = await owner.GetPageAsync($"/admin/{blog.Handle}/import");
        Assert.Contains(history.QuerySelectorAll("a"), a => a.GetAttribute("href") == jobPath);
    }

    [Fact]
    public async Task An_owner_brings_the_old_sites_images_in_with_a_zip_of_its_uploads()
    {
        var (blog, owner) = await OwnedBlogAsync("fa");
        var export = Path.Combine(Path.GetTempPath(), $"qalam-{Guid.NewGuid():N}.xml");
        await File.WriteAllTextAsync(export, WordPressMediaTests.Wxr(("tiles", "https://old.example/wp-content/uploads/2024/05/tiles.png")));
        using var zip = new MemoryStream();
        using (var archive = new System.IO.Compression.ZipArchive(zip, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            await using var entry = await archive.CreateEntry("2024/05/tiles.png").OpenAsync();
            await entry.WriteAsync(Media.TestImages.Png(60, 40));
        }
        try
        {
            using var notZip = await UploadAsync(owner, blog.Handle, export, "not a zip"u8.ToArray());
            Assert.Equal(HttpStatusCode.UnprocessableEntity, notZip.StatusCode);
            Assert.Contains("The uploads file is not a zip archive.", await notZip.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            using var upload = await UploadAsync(owner, blog.Handle, export, zip.ToArray());
            var page = await FinishedAsync(owner, upload.Headers.Location!.OriginalString);
            var rows = page.QuerySelectorAll(".import-job tbody tr").ToDictionary(r => r.Children[0].Text(), r => r.Children[1].Text());
            Assert.Equal("1", rows["Images brought into the media library"]);
            Assert.Equal("1", rows["Featured images set"]);
            var post = await App.Reader().GetPageAsync($"/{blog.Handle}/posts/post-tiles");
            Assert.StartsWith($"/media/{blog.Handle}/", post.QuerySelector(".post-body img")!.GetAttribute("src"), StringComparison.Ordinal);
            Assert.NotNull(post.QuerySelector("figure.featured-image img"));
        }
        finally
        {
            File.Delete(export);
        }
    }

    [Fact]
    public async Task A_broken_upload_is_reported_in_the_owner_s_language_and_changes_nothing()
    {
        var (blog, owner) = await OwnedBlogAsync("fa");
        await App.Seed.PostAsync(blog, "پیش از درون‌ریزی");

        using var upload = await UploadAsync(owner, blog.Handle, Repo.SharedTestData("wordpress", "importer-fixtures", "malformed-simple.xml"));
        var page = await FinishedAsync(owner, upload.Headers.Location!.OriginalString);

        var error = page.QuerySelector(".import-job .error-summary").Text();
        Assert.StartsWith("The file could not be imported and nothing was changed: The file is not well-formed XML", error, StringComparison.Ordinal);
        var blogHome = await App.Reader().GetPageAsync($"/{blog.Handle}");
        Assert.Single(blogHome.QuerySelectorAll("article.summary"));
    }

    [Fact]
    public async Task Owners_download_the_blog_as_WXR_and_as_Markdown_files()
    {
        var (blog, owner) = await OwnedBlogAsync("fa");
        var post = await App.Seed.PostAsync(blog, "سلام دنیا", "متن **پررنگ**.", tags: ["شعر"]);
        await App.Seed.CommentAsync(post, "مریم", "نظر");

        using var wxr = await owner.GetAsync($"/admin/{blog.Handle}/import?handler=WordPress");
        using var markdown = await owner.GetAsync($"/admin/{blog.Handle}/import?handler=Markdown");

        Assert.Equal(HttpStatusCode.OK, wxr.StatusCode);
        Assert.StartsWith($"{blog.Handle}.wordpress.", wxr.Content.Headers.ContentDisposition?.FileNameStar ?? wxr.Content.Headers.ContentDisposition?.FileName, StringComparison.Ordinal);
        var document = XDocument.Parse(await wxr.Content.ReadAsStringAsync());
        Assert.Equal("سلام دنیا", document.Descendants("item").Single().Element("title")?.Value);
        Assert.Equal($"http://localhost/{blog.Handle}", document.Root!.Element("channel")!.Element("link")?.Value);
        Assert.Equal("application/zip", markdown.Content.Headers.ContentType?.MediaType);
        await using var zip = new ZipArchive(await markdown.Content.ReadAsStreamAsync());
        var entry = Assert.Single(zip.Entries);
        Assert.Equal("سلام-دنیا.md", entry.FullName);
        using var reader = new StreamReader(entry.Open());
        Assert.StartsWith("---\ntitle: سلام دنیا\n", await reader.ReadToEndAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authors_editors_and_other_blogs_owners_cannot_import_see_jobs_or_export()
    {
        var (blog, owner) = await OwnedBlogAsync("en");
        using var upload = await UploadAsync(owner, blog.Handle, Repo.SharedTestData("wordpress", "theme-preview.xml"));
        var jobPath = upload.Headers.Location!.OriginalString;
        await FinishedAsync(owner, jobPath);
        var editor = await App.Seed.UserAsync();
        await App.Seed.GrantAsync(blog, editor, BlogRole.Editor);
        var (other, otherOwner) = await OwnedBlogAsync("en");
        var editorClient = await App.SignedInAsync(editor);

        foreach (var path in new[] { $"/admin/{blog.Handle}/import", jobPath, $"/admin/{blog.Handle}/import?handler=WordPress", $"/admin/{blog.Handle}/import?handler=Markdown" })
        {
            using var asEditor = await editorClient.GetAsync(path);
            using var asStranger = await otherOwner.GetAsync(path);
            Assert.Equal(HttpStatusCode.Forbidden, asEditor.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, asStranger.StatusCode);
        }
        // Another blog's owner cannot open this blog's job under their own blog's address either.
        using var borrowed = await otherOwner.GetAsync(jobPath.Replace($"/admin/{blog.Handle}/", $"/admin/{other.Handle}/", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, borrowed.StatusCode);
    }
}
