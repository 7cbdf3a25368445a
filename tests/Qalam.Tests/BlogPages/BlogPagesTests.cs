using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qalam.Accounts;
using Qalam.BlogPages;
using Qalam.Blogs;
using Qalam.Import;
using Qalam.Posts;
using Qalam.Storage;

namespace Qalam.Tests.BlogPages;

// A blog's pages: written in the admin area or through the API, read at /{blog}/pages/{slug} in their own language,
// never dated and never among the posts (home, feeds, similar posts), listed in the sitemap; renamed pages keep
// their old address; WordPress pages come in as pages with their tree, and go out again as pages.
[Collection(SharedAppCollection.Name)]
public sealed class BlogPagesTests(SharedApp shared)
{
    private QalamApp App => shared.App;

    private static Dictionary<string, string> Form(string title, string body, string language = "fa", string slug = "", int? parent = null,
        bool published = true, int order = 0) => new()
    {
        ["Form.Title"] = title,
        ["Form.Body"] = body,
        ["Form.Language"] = language,
        ["Form.Slug"] = slug,
        ["Form.ParentId"] = parent?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
        ["Form.Order"] = order.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Form.Published"] = published ? "true" : "false",
    };

    private static async Task<HttpResponseMessage> SaveAsync(HttpClient client, string handle, string id, Dictionary<string, string> form)
    {
        var page = await client.GetPageAsync($"/admin/{handle}/pages/{id}");
        return await client.SubmitAsync(page, "form.panel", form);
    }

    private async Task<BlogPage> PageAsync(int blogId, string title)
    {
        using var scope = App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<QalamDb>().BlogPages.AsNoTracking().SingleAsync(p => p.BlogId == blogId && p.Title == title);
    }

    [Fact]
    public async Task An_editor_writes_pages_readers_find_them_outside_the_post_lists_and_renamed_pages_keep_their_address()
    {
        var (blog, _, client) = await App.BlogWithPersonAsync("fa", BlogRole.Editor);
        await App.Seed.PostAsync(blog, "یک نوشته");
        using (var saved = await SaveAsync(client, blog.Handle, "new", Form("دربارهٔ من", "سلام! من **نگار** هستم و از Qalam می‌نویسم.\n\n<script>alert(1)</script>", slug: "about")))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }
        var about = await PageAsync(blog.Id, "دربارهٔ من");
        using (var child = await SaveAsync(client, blog.Handle, "new", Form("Contact", "Write to me.", "en", parent: about.Id)))
        {
            Assert.Equal(HttpStatusCode.Redirect, child.StatusCode);
        }
        var reader = App.Reader();
        var shown = await reader.GetPageAsync($"/{blog.Handle}/pages/about");
        Assert.Equal("دربارهٔ من", shown.QuerySelector("h1").Text());
        Assert.Equal(("fa", "rtl"), (shown.QuerySelector("article")!.GetAttribute("lang"), shown.QuerySelector("article")!.GetAttribute("dir")));
        Assert.Equal("نگار", shown.QuerySelector(".post-body strong").Text());
        Assert.Null(shown.QuerySelector(".post-body script"));
        Assert.Null(shown.QuerySelector("article time"));
        Assert.Equal("Contact", shown.QuerySelector(".child-pages a").Text());
        var contact = await reader.GetPageAsync($"/{blog.Handle}/pages/contact");
        Assert.Equal(("en", "ltr"), (contact.QuerySelector("article")!.GetAttribute("lang"), contact.QuerySelector("article")!.GetAttribute("dir")));
        Assert.Equal("دربارهٔ من", contact.QuerySelector(".trail a").Text());

        // Not a post: not on the home, in the feeds, or among the archive's counts; in the sitemap.
        var home = await reader.GetStringAsync($"/{blog.Handle}");
        Assert.DoesNotContain("دربارهٔ من", home, StringComparison.Ordinal);
        Assert.DoesNotContain("دربارهٔ من", await reader.GetStringAsync($"/{blog.Handle}/feed.xml"), StringComparison.Ordinal);
        var sitemap = XDocument.Parse(await reader.GetStringAsync($"/{blog.Handle}/sitemap-1.xml"));
        var locations = sitemap.Descendants().Where(e => e.Name.LocalName == "loc").Select(e => e.Value).ToList();
        Assert.Contains(locations, l => l.EndsWith($"/{blog.Handle}/pages/about", StringComparison.Ordinal));
        Assert.Contains(locations, l => l.EndsWith($"/{blog.Handle}/pages/contact", StringComparison.Ordinal));

        // Renamed: the old address redirects for good; a draft is for the blog's people only.
        using (var renamed = await SaveAsync(client, blog.Handle, about.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Form("دربارهٔ من", "متن تازه", slug: "who-am-i", published: false)))
        {
            Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);
        }
        using (var old = await reader.GetAsync($"/{blog.Handle}/pages/about"))
        {
            Assert.Equal(HttpStatusCode.MovedPermanently, old.StatusCode);
            Assert.EndsWith($"/{blog.Handle}/pages/who-am-i", old.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/{blog.Handle}/pages/who-am-i")).StatusCode);
        var draft = await client.GetPageAsync($"/{blog.Handle}/pages/who-am-i");
        Assert.NotNull(draft.QuerySelector(".awaiting"));
        Assert.NotNull(draft.QuerySelector("meta[name=robots][content=noindex]"));
        // The unpublished parent's child stands alone for readers.
        Assert.Null((await reader.GetPageAsync($"/{blog.Handle}/pages/contact")).QuerySelector(".trail"));

        // A circle is refused with the reason; deleting a page moves the pages under it up.
        using (var circle = await SaveAsync(client, blog.Handle, about.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Form("دربارهٔ من", "متن", slug: "who-am-i", parent: (await PageAsync(blog.Id, "Contact")).Id)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, circle.StatusCode == HttpStatusCode.UnprocessableEntity ? HttpStatusCode.BadRequest : circle.StatusCode);
        }
        var edit = await client.GetPageAsync($"/admin/{blog.Handle}/pages/{about.Id}");
        Assert.Null(edit.QuerySelector($"#parent option[value='{(await PageAsync(blog.Id, "Contact")).Id}']"));
        using (var confirm = await client.PostWithTokenAsync(edit, $"/admin/{blog.Handle}/pages/{about.Id}?handler=Delete&confirmed=true"))
        {
            Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        }
        Assert.Null((await PageAsync(blog.Id, "Contact")).ParentId);
    }

    [Fact]
    public async Task The_pages_API_answers_each_blog_for_its_own_people_only()
    {
        var (blog, owner, _) = await App.BlogWithPersonAsync("en");
        var (theirs, stranger, _) = await App.BlogWithPersonAsync("en");
        var author = await App.Seed.UserAsync();
        await App.Seed.GrantAsync(blog, author, BlogRole.Author);
        var api = App.Reader().WithToken(await App.Seed.TokenAsync(owner));
        var strangerApi = App.Reader().WithToken(await App.Seed.TokenAsync(stranger));
        var authorApi = App.Reader().WithToken(await App.Seed.TokenAsync(author));

        var created = await (await api.PostJsonAsync($"/api/v1/blogs/{blog.Handle}/pages", new { title = "About", body = "Hello **there**.", slug = "about" }))
            .JsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();
        Assert.EndsWith($"/{blog.Handle}/pages/about", created.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("http", created.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Equal(("published", "en"), (created.GetProperty("status").GetString(), created.GetProperty("language").GetString()));
        var draft = await (await api.PostJsonAsync($"/api/v1/blogs/{blog.Handle}/pages", new { title = "Plans", status = "draft", parentId = id, language = "fa" }))
            .JsonAsync(HttpStatusCode.Created);
        var theirPage = await (await strangerApi.PostJsonAsync($"/api/v1/blogs/{theirs.Handle}/pages", new { title = "Theirs" })).JsonAsync(HttpStatusCode.Created);

        // Readers see the published page; the blog's people both, in tree order.
        var public_ = await (await App.Reader().GetAsync($"/api/v1/blogs/{blog.Handle}/pages")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(["About"], public_.EnumerateArray().Select(p => p.GetProperty("title").GetString()));
        var all = await (await api.GetAsync($"/api/v1/blogs/{blog.Handle}/pages")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(["About", "Plans"], all.EnumerateArray().Select(p => p.GetProperty("title").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await App.Reader().GetAsync($"/api/v1/blogs/{blog.Handle}/pages/{draft.GetProperty("id").GetInt32()}")).StatusCode);

        // Strangers and authors change nothing; another blog's page is not found here, nor usable as a parent.
        Assert.Equal(HttpStatusCode.Forbidden, (await strangerApi.PutJsonAsync($"/api/v1/blogs/{blog.Handle}/pages/{id}", new { title = "Mine" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await strangerApi.DeleteAsync($"/api/v1/blogs/{blog.Handle}/pages/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await authorApi.PostJsonAsync($"/api/v1/blogs/{blog.Handle}/pages", new { title = "Author's" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PutJsonAsync($"/api/v1/blogs/{blog.Handle}/pages/{theirPage.GetProperty("id").GetInt32()}", new { title = "Taken" })).StatusCode);
        var borrowed = await (await api.PutJsonAsync($"/api/v1/blogs/{blog.Handle}/pages/{id}", new { title = "About", parentId = theirPage.GetProperty("id").GetInt32() }))
            .JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(borrowed.GetProperty("errors").TryGetProperty("parentId", out _), borrowed.ToString());
        var circle = await (await api.PutJsonAsync($"/api/v1/blogs/{blog.Handle}/pages/{id}", new { title = "About", parentId = draft.GetProperty("id").GetInt32() }))
            .JsonAsync(HttpStatusCode.BadRequest);
        Assert.Contains("under itself", circle.GetProperty("errors").GetProperty("parentId")[0].GetString(), StringComparison.Ordinal);
        var invalid = await (await api.PostJsonAsync($"/api/v1/blogs/{blog.Handle}/pages", new { title = " ", language = "de" })).JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(invalid.GetProperty("errors").TryGetProperty("title", out _) && invalid.GetProperty("errors").TryGetProperty("language", out _), invalid.ToString());
        var taken = await (await api.PostJsonAsync($"/api/v1/blogs/{blog.Handle}/pages", new { title = "Again", slug = "about" })).JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(taken.GetProperty("errors").TryGetProperty("slug", out _), taken.ToString());
        Assert.Equal("Theirs", (await PageAsync(theirs.Id, "Theirs")).Title);

        // The owner deletes: the page under it moves up.
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/blogs/{blog.Handle}/pages/{id}")).StatusCode);
        Assert.Null((await PageAsync(blog.Id, "Plans")).ParentId);
    }

    [Fact]
    public async Task WordPress_pages_come_in_as_pages_with_their_tree_and_go_out_as_pages()
    {
        var blog = await App.Seed.BlogAsync("en");
        var report = await ImportAsync(blog, Repo.SharedTestData("wordpress", "themeunittestdata.wordpress.xml"));
        Assert.Equal((58, 21, 5), (report.Posts, report.Pages, report.PageComments));
        var (pages, posts) = await ContentAsync(blog.Id);
        Assert.Equal(21, pages.Count);
        Assert.DoesNotContain(posts, p => p.Slug is "about" or "level-1");
        var level3 = pages.Single(p => p.Slug == "level-3");
        var level2 = pages.Single(p => p.Id == level3.ParentId);
        Assert.Equal("level-2", level2.Slug);
        Assert.Equal("level-1", pages.Single(p => p.Id == level2.ParentId).Slug);
        Assert.Equal(Slugs.From("επίπεδο-3"), pages.Single(p => p.Title == "Επίπεδο 3").Slug);
        Assert.Equal(5, pages.Single(p => p.Slug == "level-1").Order);
        var reader = App.Reader();
        var shown = await reader.GetPageAsync($"/{blog.Handle}/pages/level-3");
        Assert.Equal(["Level 1", "Level 2"], shown.QuerySelectorAll(".trail a").Select(a => a.Text()));

        // Again: nothing new.
        var again = await ImportAsync(blog, Repo.SharedTestData("wordpress", "themeunittestdata.wordpress.xml"));
        Assert.Equal((0, 0), (again.Pages, again.Posts));
        Assert.Equal(21, (await ContentAsync(blog.Id)).Pages.Count);

        // Out and in again: the same pages under the same parents.
        var copy = await App.Seed.BlogAsync("en");
        using (var scope = App.Services.CreateScope())
        {
            using var file = new MemoryStream();
            await scope.ServiceProvider.GetRequiredService<WxrWriter>().WriteAsync(blog.Id, App.Services.GetRequiredService<BlogAddresses>().Site(), file, CancellationToken.None);
            file.Position = 0;
            var back = await scope.ServiceProvider.GetRequiredService<WordPressImporter>().ImportAsync(copy.Id, file, null, CancellationToken.None);
            Assert.Equal(21, back.Pages);
        }
        var copied = (await ContentAsync(copy.Id)).Pages;
        string Path(List<BlogPage> all, BlogPage page) => page.ParentId is { } up ? Path(all, all.Single(p => p.Id == up)) + "/" + page.Slug : page.Slug;
        Assert.Equal(pages.Select(p => Path(pages, p)).Order(), copied.Select(p => Path(copied, p)).Order());
    }

    // A blog imported before pages existed holds its WordPress pages as posts: importing the same file again makes
    // them pages, puts the posts in the trash (with their comments) and sends the posts' addresses to the pages.
    [Fact]
    public async Task Importing_again_converts_pages_an_earlier_import_made_posts()
    {
        var blog = await App.Seed.BlogAsync("en");
        await ImportAsync(blog, Repo.SharedTestData("wordpress", "themeunittestdata.wordpress.xml"));
        // What the importer did before this release: "About The Tests" as a post, remembered as one.
        int postId;
        using (var scope = App.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QalamDb>();
            var page = await db.BlogPages.SingleAsync(p => p.BlogId == blog.Id && p.Slug == "about");
            var post = await scope.ServiceProvider.GetRequiredService<PostEditor>().CreateAsync(blog.Id,
                new PostDraft("About The Tests (as a post)", page.BodyMarkdown, "en", [], "about"), App.Time.GetUtcNow().UtcDateTime.AddDays(-1), CancellationToken.None);
            postId = post.Id;
            await db.ImportedItems.Where(i => i.BlogId == blog.Id && i.Kind == ImportedKind.Page && i.TargetId == page.Id)
                .ExecuteUpdateAsync(set => set.SetProperty(i => i.Kind, ImportedKind.Post).SetProperty(i => i.TargetId, post.Id));
            db.BlogPages.Remove(page);
            await db.SaveChangesAsync();
        }
        Assert.Equal(HttpStatusCode.OK, (await App.Reader().GetAsync($"/{blog.Handle}/posts/about")).StatusCode);

        var report = await ImportAsync(blog, Repo.SharedTestData("wordpress", "themeunittestdata.wordpress.xml"));

        Assert.Equal((1, 0), (report.PagesConverted, report.Pages));
        var converted = await PageAsync(blog.Id, "About The Tests (as a post)");
        Assert.Equal("about", converted.Slug);
        using (var moved = await App.Reader().GetAsync($"/{blog.Handle}/posts/about"))
        {
            Assert.Equal(HttpStatusCode.MovedPermanently, moved.StatusCode);
            Assert.EndsWith($"/{blog.Handle}/pages/about", moved.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }
        using (var scope = App.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QalamDb>();
            Assert.NotNull((await db.Posts.IgnoreQueryFilters().SingleAsync(p => p.Id == postId)).TrashedAt);
        }
        // And once more: nothing moves.
        Assert.Equal((0, 0), ((await ImportAsync(blog, Repo.SharedTestData("wordpress", "themeunittestdata.wordpress.xml"))).PagesConverted, 0));
    }

    [Fact]
    public async Task Markdown_files_that_say_they_are_pages_become_pages()
    {
        var blog = await App.Seed.BlogAsync("fa");
        var folder = Directory.CreateTempSubdirectory("qalam-md-pages-");
        await File.WriteAllTextAsync(Path.Combine(folder.FullName, "about.md"), "---\ntitle: درباره\nlayout: page\nweight: 2\n---\nمتن برگه.\n");
        await File.WriteAllTextAsync(Path.Combine(folder.FullName, "contact.md"), "---\ntitle: Contact\ntype: page\nlang: en\ndraft: true\n---\nWrite.\n");
        await File.WriteAllTextAsync(Path.Combine(folder.FullName, "2024-01-02-a-post.md"), "---\ntitle: یک نوشته\n---\nمتن.\n");
        using (var scope = App.Services.CreateScope())
        {
            var report = await scope.ServiceProvider.GetRequiredService<MarkdownFolderImporter>().ImportAsync(blog.Id, folder, null, CancellationToken.None);
            Assert.Equal((1, 2), (report.Posts, report.Pages));
        }
        var about = await PageAsync(blog.Id, "درباره");
        Assert.Equal((true, 2, "fa"), (about.Published, about.Order, about.Language));
        var contact = await PageAsync(blog.Id, "Contact");
        Assert.Equal((false, "en"), (contact.Published, contact.Language));
        folder.Delete(recursive: true);
    }

    private async Task<ImportReport> ImportAsync(Blog blog, string path)
    {
        using var scope = App.Services.CreateScope();
        await using var stream = File.OpenRead(path);
        return await scope.ServiceProvider.GetRequiredService<WordPressImporter>().ImportAsync(blog.Id, stream, null, CancellationToken.None);
    }

    private async Task<(List<BlogPage> Pages, List<Post> Posts)> ContentAsync(int blogId)
    {
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QalamDb>();
        return (await db.BlogPages.AsNoTracking().Where(p => p.BlogId == blogId).ToListAsync(), await db.Posts.AsNoTracking().Where(p => p.BlogId == blogId).ToListAsync());
    }
}
