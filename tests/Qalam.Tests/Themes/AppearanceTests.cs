using System.Net.Http.Headers;
using Qalam.Accounts;
using Qalam.Tests.Media;

namespace Qalam.Tests.Themes;

// The appearance page: the owner's theme, scheme, pictures and own style sheet reach every reader page; nobody else
// may change them, and a preview is the owner's alone.
[Collection(SharedAppCollection.Name)]
public sealed class AppearanceTests(SharedApp shared)
{
    private QalamApp App => shared.App;

    private static Dictionary<string, string> Form(string theme = "quiet", string scheme = "Auto", string css = "",
        int? header = null, int? logo = null, int? favicon = null) => new()
    {
        ["Form.Theme"] = theme,
        ["Form.Scheme"] = scheme,
        ["Form.CustomCss"] = css,
        ["Form.HeaderImageId"] = header?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
        ["Form.LogoImageId"] = logo?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
        ["Form.FaviconImageId"] = favicon?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };

    private static async Task<HttpResponseMessage> SaveAsync(HttpClient client, string handle, Dictionary<string, string> form)
    {
        var page = await client.GetPageAsync($"/admin/{handle}/appearance");
        return await client.SubmitAsync(page, "form.panel", form, $"/admin/{handle}/appearance");
    }

    [Fact]
    public async Task The_chosen_theme_scheme_and_style_sheet_reach_every_reader_page()
    {
        var (blog, _, client) = await App.BlogWithPersonAsync("fa");
        var post = await App.Seed.PostAsync(blog, "نوشته");
        var reader = App.Reader();
        var before = await reader.GetPageAsync($"/{blog.Handle}");
        Assert.Equal("quiet", before.DocumentElement.GetAttribute("data-theme"));
        Assert.Equal("auto", before.DocumentElement.GetAttribute("data-scheme"));

        using (var saved = await SaveAsync(client, blog.Handle, Form("magazine", "Dark", "\n.post-body p { line-height: 2.2; }")))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            Assert.Equal($"/admin/{blog.Handle}/appearance?saved=1", saved.Headers.Location?.OriginalString);
        }
        string? sheet = null;
        foreach (var path in new[] { $"/{blog.Handle}", $"/{blog.Handle}/posts/{post.Slug}", $"/{blog.Handle}/archive", $"/{blog.Handle}/search?q=x" })
        {
            var page = await reader.GetPageAsync(path);
            Assert.Equal(("magazine", "dark"), (page.DocumentElement.GetAttribute("data-theme"), page.DocumentElement.GetAttribute("data-scheme")));
            Assert.NotNull(page.QuerySelector("link[rel=stylesheet][href^='/css/themes/magazine.css']"));
            var custom = page.QuerySelector($"link[rel=stylesheet][href^='/{blog.Handle}/style/']")?.GetAttribute("href");
            Assert.NotNull(custom);
            sheet ??= custom;
            Assert.Equal(sheet, custom);
        }
        using (var css = await reader.GetAsync(sheet))
        {
            Assert.Equal(HttpStatusCode.OK, css.StatusCode);
            Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
            Assert.Equal("public,max-age=31536000,immutable", css.Headers.CacheControl?.ToString().Replace(", ", ",", StringComparison.Ordinal));
            Assert.Contains("line-height: 2.2", await css.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        // A page cached before a change names the old sheet: it gets the current one, kept briefly.
        using (var old = await reader.GetAsync($"/{blog.Handle}/style/0000000000000000.css"))
        {
            Assert.Equal(HttpStatusCode.OK, old.StatusCode);
            Assert.Equal("public,max-age=60", old.Headers.CacheControl?.ToString().Replace(", ", ",", StringComparison.Ordinal));
        }
        // The owner's page shows what was saved.
        var admin = await client.GetPageAsync($"/admin/{blog.Handle}/appearance?saved=1");
        Assert.NotNull(admin.QuerySelector("input[name='Form.Theme'][value=magazine][checked]"));
        Assert.NotNull(admin.QuerySelector("input[name='Form.Scheme'][value=Dark][checked]"));
        Assert.Contains("line-height: 2.2", admin.QuerySelector("#custom-css")!.TextContent, StringComparison.Ordinal);

        // Emptying the sheet removes it from pages and its address.
        using (var cleared = await SaveAsync(client, blog.Handle, Form("personal")))
        {
            Assert.Equal(HttpStatusCode.Redirect, cleared.StatusCode);
        }
        var after = await reader.GetPageAsync($"/{blog.Handle}");
        Assert.Equal("personal", after.DocumentElement.GetAttribute("data-theme"));
        Assert.Null(after.QuerySelector($"link[href^='/{blog.Handle}/style/']"));
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync(sheet)).StatusCode);
    }

    [Fact]
    public async Task A_style_sheet_with_problems_is_refused_with_their_lines_and_the_saved_look_is_kept()
    {
        var (blog, _, client) = await App.BlogWithPersonAsync("en");
        using var refused = await SaveAsync(client, blog.Handle, Form("magazine", css: "p { color: red; }\n@import url(https://evil.example/x.css);\nh1 { background: url(https://evil.example/t.png); }"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var page = Html.Parse(await refused.Content.ReadAsStringAsync());
        var errors = page.QuerySelectorAll(".css-errors li").Select(li => li.Text()).ToList();
        Assert.Equal(2, errors.Count);
        Assert.StartsWith("Line 2: @import is not allowed", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("Line 3: the address https://evil.example/t.png is not one of this blog's pictures", errors[1], StringComparison.Ordinal);
        // What was typed is still there to mend, and nothing was saved.
        Assert.Contains("@import", page.QuerySelector("#custom-css")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("quiet", (await App.Reader().GetPageAsync($"/{blog.Handle}")).DocumentElement.GetAttribute("data-theme"));
    }

    [Fact]
    public async Task Only_the_blogs_owners_change_its_look_and_forged_values_are_refused()
    {
        var (blog, _, owner) = await App.BlogWithPersonAsync("en");
        var editor = await App.Seed.UserAsync();
        await App.Seed.GrantAsync(blog, editor, BlogRole.Editor);
        var editorClient = await App.SignedInAsync(editor);
        var (_, _, stranger) = await App.BlogWithPersonAsync("en");

        Assert.Equal(HttpStatusCode.Forbidden, (await editorClient.GetAsync($"/admin/{blog.Handle}/appearance")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/admin/{blog.Handle}/appearance")).StatusCode);
        var ownPage = await owner.GetPageAsync($"/admin/{blog.Handle}/appearance");
        using (var forged = await owner.SubmitAsync(ownPage, "form.panel", Form("<script>"), $"/admin/{blog.Handle}/appearance"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        }
        using (var forgedScheme = await owner.SubmitAsync(ownPage, "form.panel", Form("quiet", "7"), $"/admin/{blog.Handle}/appearance"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forgedScheme.StatusCode);
        }
        Assert.Equal("quiet", (await App.Reader().GetPageAsync($"/{blog.Handle}")).DocumentElement.GetAttribute("data-theme"));
    }

    [Fact]
    public async Task Pictures_come_from_the_blogs_own_media_and_leave_with_it()
    {
        var (blog, owner, client) = await App.BlogWithPersonAsync("en");
        var (theirs, stranger, _) = await App.BlogWithPersonAsync("en");
        var api = App.Reader().WithToken(await App.Seed.TokenAsync(owner));
        var header = await UploadAsync(api, blog.Handle, TestImages.Png(2400, 600), "header.png");
        var logo = await UploadAsync(api, blog.Handle, TestImages.Png(300, 300), "logo.png");
        var theirImage = await UploadAsync(App.Reader().WithToken(await App.Seed.TokenAsync(stranger)), theirs.Handle, TestImages.Png(50, 50), "x.png");

        using (var borrowed = await SaveAsync(client, blog.Handle, Form(header: theirImage)))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, borrowed.StatusCode);
            Assert.Contains("not in this blog's media", Html.Parse(await borrowed.Content.ReadAsStringAsync()).QuerySelector(".error-summary").Text(), StringComparison.Ordinal);
        }
        using (var saved = await SaveAsync(client, blog.Handle, Form(header: header, logo: logo, favicon: logo)))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }
        var post = await App.Seed.PostAsync(blog, "No picture of its own");
        var page = await App.Reader().GetPageAsync($"/{blog.Handle}/posts/{post.Slug}");
        var headerImage = page.QuerySelector("img.header-image")!;
        Assert.EndsWith("-1600.webp", headerImage.GetAttribute("src"), StringComparison.Ordinal);
        Assert.Equal(("1600", "400"), (headerImage.GetAttribute("width"), headerImage.GetAttribute("height")));
        // A picture no wider than the smallest copy is its own small picture.
        Assert.Matches($"^/media/{blog.Handle}/[0-9a-f]{{32}}\\.png$", page.QuerySelector(".blog-logo img")!.GetAttribute("src"));
        Assert.Matches($"^/media/{blog.Handle}/", page.QuerySelector("link[rel=icon]")!.GetAttribute("href"));
        // A post without a picture of its own is shared with the blog's header image.
        Assert.EndsWith(headerImage.GetAttribute("src")!, page.QuerySelector("meta[property='og:image']")!.GetAttribute("content"), StringComparison.Ordinal);

        // Deleting the picture from the library takes it off the blog.
        var library = await client.GetPageAsync($"/admin/{blog.Handle}/media");
        using (var deleted = await client.PostAsync($"/admin/{blog.Handle}/media/{header}?handler=Delete&confirmed=true", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = library.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        })))
        {
            Assert.True(deleted.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, deleted.StatusCode.ToString());
        }
        var afterDelete = await App.Reader().GetPageAsync($"/{blog.Handle}/posts/{post.Slug}");
        Assert.True(afterDelete.QuerySelector("img.header-image") is null, afterDelete.QuerySelector("header")!.OuterHtml + " header id " + header);
        Assert.NotNull(afterDelete.QuerySelector(".blog-logo img"));
    }

    [Fact]
    public async Task A_preview_is_the_owners_alone_and_never_reaches_readers_or_the_caches()
    {
        var (blog, _, owner) = await App.BlogWithPersonAsync("fa");
        var (_, _, stranger) = await App.BlogWithPersonAsync("fa");
        var post = await App.Seed.PostAsync(blog, "پیش‌نمایش");
        var query = "?preview-theme=personal&preview-scheme=Dark";
        foreach (var path in new[] { $"/{blog.Handle}", $"/{blog.Handle}/posts/{post.Slug}" })
        {
            using var previewed = await owner.GetAsync(path + query);
            var page = Html.Parse(await previewed.Content.ReadAsStringAsync());
            Assert.Equal(("personal", "dark"), (page.DocumentElement.GetAttribute("data-theme"), page.DocumentElement.GetAttribute("data-scheme")));
            Assert.Contains("frame-ancestors 'self'", previewed.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
            Assert.NotNull(page.QuerySelector("meta[name=robots][content=noindex]"));

            // Readers and other blogs' owners asking the same get the saved look, framed by nobody, before and after.
            foreach (var other in new[] { App.Reader(), stranger, App.Reader() })
            {
                using var plain = await other.GetAsync(path + query);
                var seen = Html.Parse(await plain.Content.ReadAsStringAsync());
                Assert.Equal("quiet", seen.DocumentElement.GetAttribute("data-theme"));
                Assert.Contains("frame-ancestors 'none'", plain.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
            }
            Assert.Equal("quiet", (await App.Reader().GetPageAsync(path)).DocumentElement.GetAttribute("data-theme"));
        }
        // The appearance page's preview button shows the blog in a frame with the chosen theme.
        var form = await owner.GetPageAsync($"/admin/{blog.Handle}/appearance");
        var fields = Form("magazine", "Light");
        fields["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var preview = await owner.PostAsync($"/admin/{blog.Handle}/appearance?handler=Preview", new FormUrlEncodedContent(fields));
        var shown = Html.Parse(await preview.Content.ReadAsStringAsync());
        Assert.Equal($"/{blog.Handle}?preview-theme=magazine&preview-scheme=Light", shown.QuerySelector(".theme-preview iframe")!.GetAttribute("src"));
        Assert.NotNull(shown.QuerySelector("input[name='Form.Theme'][value=magazine][checked]"));
        // Nothing was saved, and the framed page the owner saw is theirs alone.
        using (var framed = await owner.GetAsync(shown.QuerySelector(".theme-preview iframe")!.GetAttribute("src")))
        {
            Assert.Equal("magazine", Html.Parse(await framed.Content.ReadAsStringAsync()).DocumentElement.GetAttribute("data-theme"));
        }
        Assert.Equal("quiet", (await App.Reader().GetPageAsync($"/{blog.Handle}")).DocumentElement.GetAttribute("data-theme"));
        Assert.Equal("quiet", (await App.Reader().GetPageAsync($"/{blog.Handle}?preview-theme=magazine&preview-scheme=Light")).DocumentElement.GetAttribute("data-theme"));
    }

    private static async Task<int> UploadAsync(HttpClient api, string handle, byte[] bytes, string name)
    {
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        content.Add(file, "file", name);
        using var response = await api.PostAsync($"/api/v1/blogs/{handle}/media", content);
        var json = await response.JsonAsync(HttpStatusCode.Created);
        return json.GetProperty("id").GetInt32();
    }
}
