using System.Net.Http.Headers;
using AngleSharp.Dom;
using Qalam.Tests.Media;
using SkiaSharp;

namespace Qalam.Tests.Accounts;

// A person's photo, set under their account: a square cut from the middle of the upload, rewritten (nothing of the
// file but its pixels survives), shown beside their name on bylines, on their author page and in the blog's photo box;
// a new photo replaces the old files, and a file that is not an image is refused and changes nothing.
[Collection(SharedAppCollection.Name)]
public sealed class PersonPhotoTests(SharedApp shared)
{
    private QalamApp App => shared.App;

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] bytes, string type)
    {
        var page = await client.GetPageAsync("/admin/account");
        var token = page.QuerySelector("form[action*='handler=Photo'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(type);
        content.Add(file, "photo", "me.jpg");
        return await client.PostAsync("/admin/account?handler=Photo", content);
    }

    private async Task<(SKSizeI Size, string? CacheControl)> FetchAsync(string path)
    {
        using var response = await App.Reader().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/webp", response.Content.Headers.ContentType?.MediaType);
        using var codec = SKCodec.Create(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        return (codec.Info.Size, response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task A_photo_shows_on_bylines_the_author_page_and_the_photo_box_and_is_replaced_and_removed_whole()
    {
        var (blog, owner, client) = await App.BlogWithPersonAsync("fa");
        var post = await App.Seed.PostByAsync(blog, owner, "نخستین");
        var postPath = $"/{blog.Handle}/posts/{Uri.EscapeDataString(post.Slug)}";
        var boxes = await client.GetPageAsync($"/admin/{blog.Handle}/boxes");
        using (await client.SubmitAsync(boxes, "form.boxes-form", new Dictionary<string, string> { ["Rows[0].Kind"] = "Photo", ["Rows[0].Title"] = "", ["Rows[0].Text"] = "" }))
        {
        }
        // Without a photo (or a logo) the byline is the name alone and the photo box is not drawn.
        var before = await App.Reader().GetPageAsync(postPath);
        Assert.Null(before.QuerySelector(".byline-photo"));
        Assert.Null(before.QuerySelector("section.box-photo"));

        // A wide picture: what is kept is a square from its middle, at two sizes, as WebP.
        using (var saved = await UploadAsync(client, TestImages.Jpeg(600, 300, (x, _) => x < 150 || x >= 450 ? SKColors.Red : SKColors.Blue), "image/jpeg"))
        {
            Assert.Equal("/admin/account?done=photo", saved.Headers.Location?.OriginalString);
        }
        var shown = await App.Reader().GetPageAsync(postPath);
        var small = shown.QuerySelector("a.byline img.byline-photo")!.GetAttribute("src")!;
        Assert.Matches("^/media/_people/[0-9a-f]{32}-64\\.webp$", small);
        Assert.Equal("", shown.QuerySelector(".byline-photo")!.GetAttribute("alt"));
        var (smallSize, cache) = await FetchAsync(small);
        Assert.Equal(new SKSizeI(64, 64), smallSize);
        Assert.Contains("immutable", cache, StringComparison.Ordinal);
        var authorPage = await App.Reader().GetPageAsync(shown.QuerySelector("a.byline")!.GetAttribute("href")!);
        var large = authorPage.QuerySelector("img.author-photo")!;
        Assert.Equal(small.Replace("-64.webp", ".webp", StringComparison.Ordinal), large.GetAttribute("src"));
        Assert.Contains(owner.DisplayName, large.GetAttribute("alt"), StringComparison.Ordinal);
        Assert.Equal(new SKSizeI(320, 320), (await FetchAsync(large.GetAttribute("src")!)).Size);
        // The cut is from the middle: the red sides are gone.
        using (var response = await App.Reader().GetAsync(large.GetAttribute("src")))
        using (var bitmap = SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync()))
        {
            Assert.True(bitmap.GetPixel(2, 160).Blue > 200 && bitmap.GetPixel(317, 160).Red < 60);
        }
        var box = shown.QuerySelector("img.box-picture")!;
        Assert.Equal(large.GetAttribute("src"), box.GetAttribute("src"));
        Assert.Equal(owner.DisplayName, box.GetAttribute("alt"));
        Assert.Equal(shown.QuerySelector("a.byline")!.GetAttribute("href"), shown.QuerySelector(".box-picture-name a")!.GetAttribute("href"));

        // Something that is not an image is refused with the reason, and the photo stays.
        using (var refused = await UploadAsync(client, "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"u8.ToArray(), "image/svg+xml"))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            var page = Html.Parse(await refused.Content.ReadAsStringAsync());
            Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("form[action*='handler=Photo'] .field-error").Text()));
        }
        Assert.Equal(small, (await App.Reader().GetPageAsync(postPath)).QuerySelector(".byline-photo")!.GetAttribute("src"));

        // A new photo takes a new name; the old files are gone.
        using (await UploadAsync(client, TestImages.Png(200, 200), "image/png"))
        {
        }
        var replaced = (await App.Reader().GetPageAsync(postPath)).QuerySelector(".byline-photo")!.GetAttribute("src")!;
        Assert.NotEqual(small, replaced);
        Assert.Equal(HttpStatusCode.NotFound, (await App.Reader().GetAsync(small)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await App.Reader().GetAsync(large.GetAttribute("src"))).StatusCode);

        // Removed: no photo anywhere, no file.
        var account = await client.GetPageAsync("/admin/account");
        using (var removed = await client.SubmitAsync(account, "form[action*='handler=PhotoRemove']", new Dictionary<string, string>()))
        {
            Assert.Equal("/admin/account?done=photo-removed", removed.Headers.Location?.OriginalString);
        }
        var after = await App.Reader().GetPageAsync(postPath);
        Assert.Null(after.QuerySelector(".byline-photo"));
        Assert.Null(after.QuerySelector("section.box-photo"));
        Assert.Equal(HttpStatusCode.NotFound, (await App.Reader().GetAsync(replaced)).StatusCode);
    }

    [Theory]
    [InlineData("/media/_people/..%2F..%2Fappsettings.json")]
    [InlineData("/media/_people/0123456789abcdef0123456789abcdef.png")]
    [InlineData("/media/_people/0123456789abcdef0123456789abcdef.webp")]
    public async Task Only_the_names_of_existing_photos_are_served(string path)
    {
        using var response = await App.Reader().GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
