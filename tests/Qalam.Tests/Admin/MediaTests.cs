using System.Net.Http.Headers;
using Qalam.Accounts;

namespace Qalam.Tests.Admin;

[Collection(SharedAppCollection.Name)]
public sealed class MediaTests(SharedApp shared)
{
    // The smallest valid PNG: one transparent pixel.
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    private QalamApp App => shared.App;

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string handle, byte[] bytes, string name)
    {
        var page = await client.GetPageAsync($"/admin/{handle}/media");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        content.Add(file, "file", name);
        return await client.PostAsync($"/admin/{handle}/media", content);
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
        Assert.Equal(Png, await served.Content.ReadAsByteArrayAsync());
        Assert.Contains("immutable", served.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await App.Reader().GetAsync(path.Replace(blog.Handle, other.Handle, StringComparison.Ordinal))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/admin/{other.Handle}/media")).StatusCode);
    }

    [Fact]
    public async Task A_file_that_is_not_an_image_is_refused_whatever_its_name()
    {
        var blog = await App.Seed.BlogAsync("fa");
        var owner = await App.Seed.UserAsync();
        await App.Seed.GrantAsync(blog, owner, BlogRole.Owner);
        var client = await App.SignedInAsync(owner);

        var response = await UploadAsync(client, blog.Handle, "<script>alert(1)</script>"u8.ToArray(), "innocent.png");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("This is not a PNG, JPEG, GIF or WebP image.",
            Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelector(".error-summary").Text());
    }
}
