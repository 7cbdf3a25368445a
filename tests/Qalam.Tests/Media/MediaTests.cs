using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qalam.Accounts;
using Qalam.Media;
using Qalam.Storage;

namespace Qalam.Tests.Media;

[Collection(SharedAppCollection.Name)]
public sealed class MediaTests(SharedApp shared)
{
    // The smallest valid PNG: one transparent pixel.
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    private QalamApp App => shared.App;

    // The Images page's form, or (handler: "Upload") the editor's upload, which answers in JSON. The token comes from
    // the page of `tokenFrom`, the blog the client may open.
    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string handle, byte[] bytes, string name,
        string? handler = null, string? tokenFrom = null)
    {
        var page = await client.GetPageAsync($"/admin/{tokenFrom ?? handle}/media");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        content.Add(file, "file", name);
        return await client.PostAsync($"/admin/{handle}/media" + (handler is null ? "" : $"?handler={handler}"), content);
    }

    [Fact]
    public async Task The_editors_upload_answers_in_JSON_and_reaches_only_the_blog_in_its_address()
    {
        var blog = await App.Seed.BlogAsync("fa");
        var other = await App.Seed.BlogAsync("en");
        var author = await App.Seed.UserAsync();
        await App.Seed.GrantAsync(blog, author, BlogRole.Author);
        var client = await App.SignedInAsync(author);

        using var stored = await UploadAsync(client, blog.Handle, Png, "pixel.png", "Upload");
        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        using var json = JsonDocument.Parse(await stored.Content.ReadAsStringAsync());
        Assert.StartsWith($"/media/{blog.Handle}/", json.RootElement.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await App.Reader().GetAsync(json.RootElement.GetProperty("url").GetString())).StatusCode);

        using var refused = await UploadAsync(client, blog.Handle, "<svg onload=alert(1)>"u8.ToArray(), "evil.png", "Upload");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        using var reason = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        Assert.False(string.IsNullOrWhiteSpace(reason.RootElement.GetProperty("error").GetString()));

        // Another blog named in the address: not found, and nothing stored there, with a valid token from the own blog.
        using var elsewhere = await UploadAsync(client, other.Handle, Png, "pixel.png", "Upload", tokenFrom: blog.Handle);
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
        using var scope = App.Services.CreateScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<QalamDb>().Set<MediaFile>().CountAsync(m => m.BlogId == other.Id));
    }


    [Fact]
    public async Task An_uploaded_image_is_served_under_its_blog_only_with_long_cache_headers()
    {
        var blog = await App.Seed.BlogAsync("en");
        var other = await App.Seed.BlogAsync("en");
        var author = await App.Seed.UserAsync();
        await App.Seed.GrantAsync(blog, author, BlogRole.Author);
        var client = await App.SignedInAsync(author);

        var uploaded = await UploadAsync(client, blog.Handle, Png, "pixel.png");
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var page = await client.GetPageAsync(uploaded.Headers.Location!.OriginalString);
        var markdown = page.QuerySelector(".media-grid input")!.GetAttribute("value")!;
        var path = markdown[(markdown.IndexOf('(', StringComparison.Ordinal) + 1)..^1];

        var served = await App.Reader().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/png", served.Content.Headers.ContentType?.MediaType);
        // Written again (nothing of the upload but its picture is kept): still a one-pixel PNG.
        using (var picture = SkiaSharp.SKBitmap.Decode(await served.Content.ReadAsByteArrayAsync()))
        {
            Assert.Equal((1, 1), (picture.Width, picture.Height));
        }
        Assert.Contains("immutable", served.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await App.Reader().GetAsync(path.Replace(blog.Handle, other.Handle, StringComparison.Ordinal))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/admin/{other.Handle}/media")).StatusCode);
    }

    [Fact]
    public async Task Posts_and_images_beyond_the_blogs_quota_are_refused_with_a_clear_message()
    {
        var blog = await App.Seed.BlogAsync("en");
        // Room for exactly two: the first is counted as stored (written again), the second as sent.
        var stored = ((ImageOutcome.Ready)ImageProcessor.Process(Png, 1000)).Image.Bytes.Length;
        await App.Seed.UpdateBlogAsync(blog, b => { b.PostQuota = 2; b.MediaQuotaBytes = stored + Png.Length; });
        var owner = await App.Seed.UserAsync();
        await App.Seed.GrantAsync(blog, owner, BlogRole.Owner);
        var client = await App.SignedInAsync(owner);
        await App.Seed.PostAsync(blog, "One");
        var api = App.Reader().WithToken(await App.Seed.TokenAsync(owner));
        using (var second = await api.PostJsonAsync($"/api/v1/blogs/{blog.Handle}/posts", new { title = "Two" }))
        {
            Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        }

        using var third = await api.PostJsonAsync($"/api/v1/blogs/{blog.Handle}/posts", new { title = "Three" });
        var problem = await third.JsonAsync(HttpStatusCode.Conflict);
        Assert.Equal("The blog has reached its quota of posts.", problem.GetProperty("title").GetString());
        var editor = await client.GetPageAsync($"/admin/{blog.Handle}/posts/new");
        using var fromForm = await client.SubmitAsync(editor, "#post-form", new Dictionary<string, string>
        {
            ["Form.Title"] = "Three",
            ["Form.Body"] = "Kept.",
            ["Form.Language"] = "en",
            ["command"] = "draft",
        }, $"/admin/{blog.Handle}/posts/new");
        var refused = Html.Parse(await fromForm.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, fromForm.StatusCode);
        Assert.Equal("This blog has reached its limit of 2 posts (drafts included). Delete some, or ask the site's operators for more.", refused.QuerySelector(".error-summary").Text());
        Assert.Equal("Kept.", refused.QuerySelector("#body")!.TextContent);

        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(client, blog.Handle, Png, "a.png")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(client, blog.Handle, Png, "b.png")).StatusCode);
        using var full = await UploadAsync(client, blog.Handle, Png, "c.png");
        Assert.Contains("This blog has used all the space for images it may have.", await full.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_an_image_is_refused_whatever_its_name()
    {
        var (blog, owner, client) = await App.BlogWithPersonAsync("fa");

        var response = await UploadAsync(client, blog.Handle, "<script>alert(1)</script>"u8.ToArray(), "innocent.png");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("This is not a PNG, JPEG, GIF or WebP image.",
            Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelector(".error-summary").Text());
    }
}
