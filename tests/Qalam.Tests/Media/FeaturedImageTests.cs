using System.Net.Http.Headers;
using System.Text.Json;
using System.Xml.Linq;

namespace Qalam.Tests.Media;

// A post's featured image: chosen from the blog's own library (API or editor), shown on the post page, beside the post
// in lists, in the three feed formats, in the social card and JSON-LD; kept in step when the image's alt text changes
// or the image is deleted.
[Collection(SharedAppCollection.Name)]
public sealed class FeaturedImageTests(SharedApp shared)
{
    private QalamApp App => shared.App;

    [Fact]
    public async Task A_post_cannot_feature_an_image_of_another_blog_and_strangers_reach_no_blogs_media()
    {
        var (mine, owner, _) = await App.BlogWithPersonAsync("en");
        var (theirs, stranger, _) = await App.BlogWithPersonAsync("en");
        var ownerApi = App.Reader().WithToken(await App.Seed.TokenAsync(owner));
        var strangerApi = App.Reader().WithToken(await App.Seed.TokenAsync(stranger));
        var theirImage = await UploadAsync(strangerApi, theirs.Handle, TestImages.Png(40, 20), "theirs.png", "Theirs");

        // The stranger's image id, named on a post of my blog: refused as unknown, nothing of it shown.
        using var refused = await ownerApi.PostJsonAsync($"/api/v1/blogs/{mine.Handle}/posts",
            new { title = "Borrowed", body = "Text.", status = "published", featuredImageId = theirImage.GetProperty("id").GetInt32() });
        var problem = await refused.JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("featuredImage", out _), problem.ToString());
        // Nor can I list or upload to their library.
        Assert.Equal(HttpStatusCode.Forbidden, (await ownerApi.GetAsync($"/api/v1/blogs/{theirs.Handle}/media")).StatusCode);
        using var upload = await UploadRawAsync(ownerApi, theirs.Handle, TestImages.Png(10, 10), "intruder.png", null);
        Assert.Equal(HttpStatusCode.Forbidden, upload.StatusCode);
        // A body that is not a form is refused with the reason to the blog's own people, and as forbidden to others.
        Assert.Equal(HttpStatusCode.BadRequest, (await ownerApi.PostJsonAsync($"/api/v1/blogs/{mine.Handle}/media", new { file = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ownerApi.PostJsonAsync($"/api/v1/blogs/{theirs.Handle}/media", new { file = "x" })).StatusCode);
        // Control characters sent in the multipart body (which no form binder cleans) are not stored.
        var odd = await UploadAsync(ownerApi, mine.Handle, TestImages.Png(8, 8), "odd\u0001name.png", "A\u0002B\u0000");
        Assert.Equal(("oddname.png", "AB"), (odd.GetProperty("name").GetString(), odd.GetProperty("alt").GetString()));
        // Without a token, nothing.
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.Reader().GetAsync($"/api/v1/blogs/{mine.Handle}/media")).StatusCode);
    }

    [Fact]
    public async Task The_featured_image_shows_on_the_page_in_lists_feeds_and_social_cards_and_follows_its_alt_text_and_deletion()
    {
        var (blog, owner, client) = await App.BlogWithPersonAsync("fa");
        var api = App.Reader().WithToken(await App.Seed.TokenAsync(owner));
        var featured = await UploadAsync(api, blog.Handle, TestImages.Png(2000, 1000), "cover.png", "کتابخانهٔ ملی");
        var inBody = await UploadAsync(api, blog.Handle, TestImages.Png(800, 600), "inside.png", "Inside");
        var featuredUrl = featured.GetProperty("url").GetString()!;
        var featuredPath = new Uri(featuredUrl).AbsolutePath;
        await TestImages.CopiesMadeAsync(App, Path.GetFileName(featuredPath));

        var post = await (await api.PostJsonAsync($"/api/v1/blogs/{blog.Handle}/posts", new
        {
            title = "کتابخانه",
            body = $"متن با تصویر.\n\n![Inside]({new Uri(inBody.GetProperty("url").GetString()!).AbsolutePath})",
            status = "published",
            featuredImageId = featured.GetProperty("id").GetInt32(),
        })).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(featuredUrl, post.GetProperty("featuredImage").GetProperty("url").GetString());
        var slug = post.GetProperty("slug").GetString()!;

        // The post page: the picture above the text, with its copies and size; the card names it, not the body's image.
        var page = await App.Reader().GetPageAsync($"/{blog.Handle}/posts/{slug}");
        var image = page.QuerySelector("figure.featured-image img")!;
        Assert.Equal((featuredPath, "2000", "1000", "کتابخانهٔ ملی"), (image.GetAttribute("src"), image.GetAttribute("width"), image.GetAttribute("height"), image.GetAttribute("alt")));
        Assert.Contains("-960.webp 960w", image.GetAttribute("srcset"), StringComparison.Ordinal);
        Assert.Null(image.GetAttribute("loading"));
        var card = page.QuerySelector("meta[property='og:image']")!.GetAttribute("content")!;
        Assert.EndsWith(featuredPath.Replace(".png", "-1600.webp", StringComparison.Ordinal), card, StringComparison.Ordinal);
        Assert.Equal("summary_large_image", page.QuerySelector("meta[name='twitter:card']")!.GetAttribute("content"));
        using (var answered = await App.Reader().GetAsync(new Uri(card).AbsolutePath))
        {
            Assert.Equal((HttpStatusCode.OK, "image/webp"), (answered.StatusCode, answered.Content.Headers.ContentType?.MediaType));
        }
        using (var jsonLd = JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent))
        {
            Assert.Equal(card, jsonLd.RootElement.GetProperty("image").GetString());
        }

        // The blog's home: a thumbnail beside the summary.
        var home = await App.Reader().GetPageAsync($"/{blog.Handle}");
        var thumbnail = home.QuerySelector("article.summary.with-image .summary-image img")!;
        Assert.Equal((featuredPath, "کتابخانهٔ ملی"), (thumbnail.GetAttribute("src"), thumbnail.GetAttribute("alt")));

        // Feeds: Media RSS, an Atom enclosure link, JSON Feed's image; all absolute.
        XNamespace media = "http://search.yahoo.com/mrss/";
        var rss = XDocument.Parse(await App.Reader().GetStringAsync($"/{blog.Handle}/feed.xml"));
        var content = rss.Descendants(media + "content").Single();
        Assert.Equal((card, "image/webp", "1600", "800"), ((string?)content.Attribute("url"), (string?)content.Attribute("type"), (string?)content.Attribute("width"), (string?)content.Attribute("height")));
        XNamespace atomNs = "http://www.w3.org/2005/Atom";
        var atom = XDocument.Parse(await App.Reader().GetStringAsync($"/{blog.Handle}/atom.xml"));
        Assert.Equal(card, (string?)atom.Descendants(atomNs + "link").Single(l => (string?)l.Attribute("rel") == "enclosure").Attribute("href"));
        using (var json = JsonDocument.Parse(await App.Reader().GetStringAsync($"/{blog.Handle}/feed.json")))
        {
            Assert.Equal(card, json.RootElement.GetProperty("items")[0].GetProperty("image").GetString());
        }

        // The library says the post uses it; a new alt text reaches the post; deleting the image takes it off the post,
        // and the card falls back to the body's first image.
        var library = await (await api.GetAsync($"/api/v1/blogs/{blog.Handle}/media")).JsonAsync(HttpStatusCode.OK);
        var listed = library.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("url").GetString() == featuredUrl);
        Assert.Equal(post.GetProperty("id").GetInt32(), listed.GetProperty("usedIn")[0].GetInt32());
        var admin = await client.GetPageAsync($"/admin/{blog.Handle}/media");
        var id = featured.GetProperty("id").GetInt32();
        using (var alt = await client.SubmitAsync(admin, $"form[action$='/media/{id}?handler=Alt']", new Dictionary<string, string> { ["alt"] = "National Library" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, alt.StatusCode);
        }
        Assert.Equal("National Library", (await App.Reader().GetPageAsync($"/{blog.Handle}/posts/{slug}")).QuerySelector("figure.featured-image img")!.GetAttribute("alt"));
        var warning = Html.Parse(await (await client.SubmitAsync(admin, $"form[action$='/media/{id}?handler=Delete']", new Dictionary<string, string>())).Content.ReadAsStringAsync());
        using (var deleted = await client.SubmitAsync(warning, $"form[action$='/media/{id}?handler=Delete']", new Dictionary<string, string>()))
        {
            Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        }
        var after = await App.Reader().GetPageAsync($"/{blog.Handle}/posts/{slug}");
        Assert.Null(after.QuerySelector("figure.featured-image"));
        Assert.EndsWith(new Uri(inBody.GetProperty("url").GetString()!).AbsolutePath.Replace(".png", "", StringComparison.Ordinal) + ".png",
            after.QuerySelector("meta[property='og:image']")!.GetAttribute("content"), StringComparison.Ordinal);
        var resource = await (await api.GetAsync($"/api/v1/blogs/{blog.Handle}/posts/{post.GetProperty("id").GetInt32()}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, resource.GetProperty("featuredImage").ValueKind);
    }

    [Fact]
    public async Task The_editor_picks_a_featured_image_from_the_library_and_can_take_it_off()
    {
        var (blog, _, client) = await App.BlogWithPersonAsync("en");
        var image = await UploadAsync(client, blog.Handle, TestImages.Png(300, 200), "pick-me.png", "A picked picture");
        var id = image.GetProperty("id").GetInt32();

        var editor = await client.GetPageAsync($"/admin/{blog.Handle}/posts/new");
        Assert.NotNull(editor.QuerySelector($"input[name='Form.FeaturedImageId'][value='{id}']"));
        using var created = await client.SubmitAsync(editor, "#post-form", new Dictionary<string, string>
        {
            ["Form.Title"] = "Picked",
            ["Form.Body"] = "Text.",
            ["Form.FeaturedImageId"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["command"] = "publish",
        }, $"/admin/{blog.Handle}/posts/new");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var edit = await client.GetPageAsync(created.Headers.Location!.OriginalString);
        Assert.NotNull(edit.QuerySelector($"input[name='Form.FeaturedImageId'][value='{id}'][checked]"));
        Assert.Equal("A picked picture", (await App.Reader().GetPageAsync($"/{blog.Handle}/posts/picked")).QuerySelector("figure.featured-image img")!.GetAttribute("alt"));

        using var removed = await client.SubmitAsync(edit, "#post-form", new Dictionary<string, string>
        {
            ["Form.Title"] = "Picked",
            ["Form.Body"] = "Text.",
            ["Form.FeaturedImageId"] = "0",
            ["command"] = "save",
        }, created.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Null((await App.Reader().GetPageAsync($"/{blog.Handle}/posts/picked")).QuerySelector("figure.featured-image"));
    }

    // Through the API with a token, or (a client signed in to the admin area) the editor's upload.
    private static async Task<JsonElement> UploadAsync(HttpClient client, string handle, byte[] bytes, string name, string? alt)
    {
        using var response = await UploadRawAsync(client, handle, bytes, name, alt);
        return await response.JsonAsync(client.DefaultRequestHeaders.Authorization is null ? HttpStatusCode.OK : HttpStatusCode.Created);
    }

    private static async Task<HttpResponseMessage> UploadRawAsync(HttpClient client, string handle, byte[] bytes, string name, string? alt)
    {
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        content.Add(file, "file", name);
        if (alt is not null)
        {
            content.Add(new StringContent(alt), "alt");
        }
        if (client.DefaultRequestHeaders.Authorization is not null)
        {
            return await client.PostAsync($"/api/v1/blogs/{handle}/media", content);
        }
        var page = await client.GetPageAsync($"/admin/{handle}/media");
        content.Add(new StringContent(page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken");
        return await client.PostAsync($"/admin/{handle}/media?handler=Upload", content);
    }
}
