using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qalam.Accounts;
using Qalam.Media;
using Qalam.Storage;

namespace Qalam.Tests.Media;

// The media library as a writer uses it: find an image by name or alt text, see which posts show it, edit its alt
// text, and delete it, warned first when posts show it. Only the uploader, editors and owners change an image.
[Collection(SharedAppCollection.Name)]
public sealed class MediaLibraryTests(SharedApp shared)
{
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    private QalamApp App => shared.App;

    [Fact]
    public async Task The_library_finds_images_edits_alt_text_shows_where_each_is_used_and_warns_before_deleting_a_used_one()
    {
        var (blog, owner, client) = await App.BlogWithPersonAsync("fa");
        var yalda = await UploadAsync(client, blog.Handle, "yalda.png", "سفرهٔ شب یلدا");
        var cat = await UploadAsync(client, blog.Handle, "cat.png", null);
        var api = App.Reader().WithToken(await App.Seed.TokenAsync(owner));
        await api.PostJsonAsync($"/api/v1/blogs/{blog.Handle}/posts", new { title = "شب یلدا", body = $"![سفره]({yalda})", status = "published" });

        var found = await client.GetPageAsync($"/admin/{blog.Handle}/media?q={Uri.EscapeDataString("یلدا")}");
        var card = Assert.Single(found.QuerySelectorAll(".media-grid > li"));
        Assert.Equal($"![سفرهٔ شب یلدا]({yalda})", card.QuerySelector("input[readonly]")!.GetAttribute("value"));
        Assert.Equal("شب یلدا", card.QuerySelector(".used-in a").Text());

        var all = await client.GetPageAsync($"/admin/{blog.Handle}/media");
        var catId = IdOf(all, cat);
        using (var alt = await client.SubmitAsync(all, $"form[action$='/media/{catId}?handler=Alt']", new Dictionary<string, string> { ["alt"] = "A sleeping cat" }))
        {
            Assert.Equal($"/admin/{blog.Handle}/media?done=alt", alt.Headers.Location?.OriginalString);
        }
        Assert.Single((await client.GetPageAsync($"/admin/{blog.Handle}/media?q=sleeping")).QuerySelectorAll(".media-grid > li"));

        // A used image: the first delete only warns, naming the posts; the confirmed one deletes file and copies.
        var yaldaId = IdOf(all, yalda);
        using var warned = await client.SubmitAsync(all, $"form[action$='/media/{yaldaId}?handler=Delete']", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Conflict, warned.StatusCode);
        var warning = Html.Parse(await warned.Content.ReadAsStringAsync());
        Assert.Equal("شب یلدا", warning.QuerySelector("#confirm-delete ~ ul a").Text());
        // The confirmation's form comes first on the page, before the image's own card.
        using var deleted = await client.SubmitAsync(warning, $"form[action$='/media/{yaldaId}?handler=Delete']", new Dictionary<string, string>());
        Assert.Equal($"/admin/{blog.Handle}/media?done=deleted", deleted.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, (await App.Reader().GetAsync(yalda)).StatusCode);
        // An unused one goes at once.
        using var unused = await client.SubmitAsync(all, $"form[action$='/media/{catId}?handler=Delete']", new Dictionary<string, string>());
        Assert.Equal($"/admin/{blog.Handle}/media?done=deleted", unused.Headers.Location?.OriginalString);
        using var scope = App.Services.CreateScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<QalamDb>().MediaFiles.CountAsync(m => m.BlogId == blog.Id));
    }

    [Fact]
    public async Task Nobody_changes_an_image_of_another_blog_or_another_writer()
    {
        var (blog, owner, ownerClient) = await App.BlogWithPersonAsync("en");
        var image = await UploadAsync(ownerClient, blog.Handle, "mine.png", "Mine");
        var author = await App.Seed.UserAsync();
        await App.Seed.GrantAsync(blog, author, BlogRole.Author);
        var authorClient = await App.SignedInAsync(author);
        var (otherBlog, _, stranger) = await App.BlogWithPersonAsync("en");
        var id = IdOf(await ownerClient.GetPageAsync($"/admin/{blog.Handle}/media"), image);

        var authorsPage = await authorClient.GetPageAsync($"/admin/{blog.Handle}/media");
        Assert.Null(authorsPage.QuerySelector($"form[action$='/media/{id}?handler=Delete']"));
        using var byAuthor = await authorClient.PostWithTokenAsync(authorsPage, $"/admin/{blog.Handle}/media/{id}?handler=Delete");
        using var byStranger = await stranger.PostWithTokenAsync(await stranger.GetPageAsync($"/admin/{otherBlog.Handle}/media"), $"/admin/{otherBlog.Handle}/media/{id}?handler=Delete");
        using var altByStranger = await stranger.PostWithTokenAsync(await stranger.GetPageAsync($"/admin/{otherBlog.Handle}/media"), $"/admin/{otherBlog.Handle}/media/{id}?handler=Alt");

        Assert.Equal(HttpStatusCode.Forbidden, byAuthor.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, byStranger.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, altByStranger.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await App.Reader().GetAsync(image)).StatusCode);
    }

    private static int IdOf(AngleSharp.Dom.IDocument page, string path)
    {
        var card = page.QuerySelectorAll(".media-grid > li").Single(li => li.QuerySelector("input[readonly]")!.GetAttribute("value")!.Contains(path, StringComparison.Ordinal));
        var action = card.QuerySelector("form[action*='handler=Delete']")!.GetAttribute("action")!;
        return int.Parse(action.Split('/')[^1].Split('?')[0], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<string> UploadAsync(HttpClient client, string handle, string name, string? alt)
    {
        var page = await client.GetPageAsync($"/admin/{handle}/media");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
        };
        if (alt is not null)
        {
            content.Add(new StringContent(alt), "alt");
        }
        var file = new ByteArrayContent(Png);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        content.Add(file, "file", name);
        using var response = await client.PostAsync($"/admin/{handle}/media?handler=Upload", content);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("url").GetString()!;
    }
}
