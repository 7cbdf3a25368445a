using System.Net.Http.Headers;
using System.Text.Json;
using System.Xml.Linq;
using Qalam.Accounts;

namespace Qalam.Tests.Blogs;

// An install with a domain: each blog at {handle}.qalam.test, the install's own pages at qalam.test, and every link
// Qalam writes naming the blog's own host; the old path addresses redirect there for good.
public sealed class HostRoutingTests : WithOwnApp
{
    private const string Domain = "qalam.test";

    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    protected override IReadOnlyDictionary<string, string> Settings() => new Dictionary<string, string>
    {
        ["Hosting:Domain"] = Domain,
        ["Hosting:Scheme"] = "http",
    };

    private static string Host(Qalam.Blogs.Blog blog) => $"{blog.Handle}.{Domain}";

    [Fact]
    public async Task A_blog_is_served_at_its_subdomain_and_every_link_on_its_pages_names_that_host()
    {
        var blog = await App.Seed.BlogAsync("fa", title: "دفتر حافظ");
        var post = await App.Seed.PostAsync(blog, "غزل نخست", tags: ["شعر"]);
        var reader = App.Reader(host: Host(blog));
        var root = $"http://{Host(blog)}";

        var home = await reader.GetPageAsync("/");
        Assert.Equal("دفتر حافظ", home.QuerySelector(".blog-title a").Text());
        Assert.Equal(root, home.QuerySelector(".blog-title a")!.GetAttribute("href"));
        Assert.Equal(root, home.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal($"{root}/feed.xml", home.QuerySelector("link[rel=alternate][type='application/rss+xml']")!.GetAttribute("href"));
        var postLink = $"{root}/posts/{Uri.EscapeDataString(post.Slug)}";
        Assert.Contains(home.QuerySelectorAll("a"), a => a.GetAttribute("href") == postLink);

        var page = await reader.GetPageAsync($"/posts/{Uri.EscapeDataString(post.Slug)}");
        Assert.Equal(postLink, page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal($"{postLink}#comment-form", page.QuerySelector("#comment-form")!.GetAttribute("action"));
        Assert.StartsWith($"{root}/tags/", page.QuerySelector("a[rel=tag]")!.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Equal($"{root}/search", page.QuerySelector(".search-link")!.GetAttribute("href"));
        // No link on the page leads back to a path address of the blog.
        Assert.DoesNotContain(page.QuerySelectorAll("a[href], link[href], form[action]"),
            e => (e.GetAttribute("href") ?? e.GetAttribute("action"))!.StartsWith($"/{blog.Handle}", StringComparison.Ordinal));

        // Handles are case-insensitive, in the host as anywhere.
        await App.Reader(host: Host(blog).ToUpperInvariant()).GetPageAsync("/");
        await reader.GetPageAsync($"/tags/{Uri.EscapeDataString("شعر")}");
        await reader.GetPageAsync("/search?q=" + Uri.EscapeDataString("غزل"));
    }

    [Fact]
    public async Task Path_addresses_and_old_links_redirect_permanently_to_the_blog_host()
    {
        var blog = await App.Seed.BlogAsync("en");
        var post = await App.Seed.PostAsync(blog, "First light");
        var persian = await App.Seed.PostAsync(blog, "روشنای نخست");
        var install = App.Reader(host: Domain);
        var root = $"http://{Host(blog)}";

        using var moved = await install.GetAsync($"/{blog.Handle}/posts/{post.Slug}?utm_source=x");
        Assert.Equal(HttpStatusCode.MovedPermanently, moved.StatusCode);
        Assert.Equal($"{root}/posts/{post.Slug}?utm_source=x", moved.Headers.Location!.OriginalString);
        var escaped = Uri.EscapeDataString(persian.Slug);
        using var persianMoved = await install.GetAsync($"/{blog.Handle}/posts/{escaped}");
        Assert.Equal($"{root}/posts/{escaped}", persianMoved.Headers.Location!.OriginalString);
        await App.Reader(host: Host(blog)).GetPageAsync(persianMoved.Headers.Location!.PathAndQuery);
        using var home = await install.GetAsync($"/{blog.Handle}");
        Assert.Equal($"{root}/", home.Headers.Location!.OriginalString);
        using var feed = await install.GetAsync($"/{blog.Handle}/feed.xml");
        Assert.Equal($"{root}/feed.xml", feed.Headers.Location!.OriginalString);
        // A form posted to the old address keeps its method and body.
        using var posted = await install.PostAsync($"/{blog.Handle}/posts/{post.Slug}", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.PermanentRedirect, posted.StatusCode);

        // A link written in a post while the blog lived at /{handle} still finds its page on the blog's host.
        using var old = await App.Reader(host: Host(blog)).GetAsync($"/{blog.Handle}/posts/{post.Slug}");
        Assert.Equal(HttpStatusCode.MovedPermanently, old.StatusCode);
        Assert.Equal($"{root}/posts/{post.Slug}", old.Headers.Location!.OriginalString);

        // The install's own pages stay at the install's address.
        using var admin = await App.Reader(host: Host(blog)).GetAsync("/admin/signin?x=1");
        Assert.Equal(HttpStatusCode.MovedPermanently, admin.StatusCode);
        Assert.Equal($"http://{Domain}/admin/signin?x=1", admin.Headers.Location!.OriginalString);
        using var api = await App.Reader(host: Host(blog)).GetAsync($"/api/v1/blogs/{blog.Handle}");
        Assert.Equal($"http://{Domain}/api/v1/blogs/{blog.Handle}", api.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Hosts_that_are_no_blog_answer_not_found_and_the_front_page_links_to_blog_hosts()
    {
        var blog = await App.Seed.BlogAsync("en", title: "Harbour notes");
        await App.Seed.PostAsync(blog, "Tides");

        await App.Reader(host: $"nobody-here.{Domain}").GetPageAsync("/", HttpStatusCode.NotFound);
        await App.Reader(host: $"admin.{Domain}").GetPageAsync("/", HttpStatusCode.NotFound);
        await App.Reader(host: $"a.b.{Domain}").GetPageAsync("/", HttpStatusCode.NotFound);
        await App.Reader(host: "elsewhere.example").GetPageAsync("/", HttpStatusCode.NotFound);
        using (var www = await App.Reader(host: $"www.{Domain}").GetAsync("/signup?x=1"))
        {
            Assert.Equal(HttpStatusCode.MovedPermanently, www.StatusCode);
            Assert.Equal($"http://{Domain}/signup?x=1", www.Headers.Location!.OriginalString);
        }
        // Stylesheets are served on any host, so even that page is styled.
        using var css = await App.Reader(host: "elsewhere.example").GetAsync("/css/site.css");
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);

        var front = await App.Reader(host: Domain).GetPageAsync($"/?q={Uri.EscapeDataString("Harbour")}");
        Assert.Contains(front.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"http://{Host(blog)}");
        var recent = await App.Reader(host: Domain).GetPageAsync("/");
        Assert.Contains(recent.QuerySelectorAll("a"), a => a.GetAttribute("href")!.StartsWith($"http://{Host(blog)}/posts/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Feeds_sitemaps_robots_and_the_api_name_the_blog_host()
    {
        var blog = await App.Seed.BlogAsync("en");
        var post = await App.Seed.PostAsync(blog, "Harvest");
        var reader = App.Reader(host: Host(blog));
        var root = $"http://{Host(blog)}";

        var rss = XDocument.Parse(await reader.GetStringAsync("/feed.xml"));
        Assert.Equal(root, rss.Root!.Element("channel")!.Element("link")!.Value.TrimEnd('/'));
        Assert.Equal($"{root}/posts/{post.Slug}", rss.Descendants("item").Single().Element("link")!.Value);

        Assert.Contains($"Sitemap: {root}/sitemap.xml", await reader.GetStringAsync("/robots.txt"), StringComparison.Ordinal);
        XNamespace sm = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var index = XDocument.Parse(await reader.GetStringAsync("/sitemap.xml"));
        Assert.Equal([$"{root}/sitemap-1.xml"], index.Descendants(sm + "loc").Select(l => l.Value));
        var urls = XDocument.Parse(await reader.GetStringAsync("/sitemap-1.xml")).Descendants(sm + "loc").Select(l => l.Value).ToList();
        Assert.Equal([root, $"{root}/posts/{post.Slug}"], urls);

        var api = App.Reader(host: Domain);
        using var blogJson = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/blogs/{blog.Handle}"));
        Assert.Equal(root, blogJson.RootElement.GetProperty("url").GetString());
        using var postJson = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/blogs/{blog.Handle}/posts/{post.Id}"));
        Assert.Equal($"{root}/posts/{post.Slug}", postJson.RootElement.GetProperty("url").GetString());
    }

    [Fact]
    public async Task A_comment_is_posted_on_the_blog_host_and_the_reader_comes_back_there()
    {
        var blog = await App.Seed.BlogAsync("en");
        var post = await App.Seed.PostAsync(blog, "Open for words");
        var reader = App.Reader(host: Host(blog));
        var path = $"/posts/{post.Slug}";
        var page = await reader.GetPageAsync(path);

        using var request = new HttpRequestMessage(HttpMethod.Post, page.QuerySelector("#comment-form")!.GetAttribute("action"));
        var fields = page.QuerySelectorAll("#comment-form input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        fields["Form.Name"] = "Sohrab";
        fields["Form.Body"] = "Written on the blog's own host.";
        request.Content = new FormUrlEncodedContent(fields);
        request.Headers.Add("Origin", $"http://{Host(blog)}");
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        using var sent = await reader.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.StartsWith($"http://{Host(blog)}{path}", sent.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Contains("Written on the blog's own host.", (await reader.GetPageAsync(path)).QuerySelector(".comments").Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_blogs_media_is_served_at_its_own_host_and_not_at_another_blogs()
    {
        var blog = await App.Seed.BlogAsync("en");
        var other = await App.Seed.BlogAsync("en");
        var owner = await App.Seed.UserAsync();
        await App.Seed.GrantAsync(blog, owner, BlogRole.Owner);
        var admin = await App.SignedInAsync(owner, host: Domain);
        var media = await admin.GetPageAsync($"/admin/{blog.Handle}/media");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(media.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(Png);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        content.Add(file, "file", "pixel.png");
        using var uploaded = await admin.PostAsync($"/admin/{blog.Handle}/media", content);
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var markdown = (await admin.GetPageAsync($"/admin/{blog.Handle}/media")).QuerySelector(".media-grid input")!.GetAttribute("value")!;
        var path = markdown[(markdown.IndexOf('(', StringComparison.Ordinal) + 1)..^1];

        using (var served = SkiaSharp.SKBitmap.Decode(await App.Reader(host: Host(blog)).GetByteArrayAsync(path)))
        {
            Assert.Equal((1, 1), (served.Width, served.Height));
        }
        using var elsewhere = await App.Reader(host: Host(other)).GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
    }

    [Fact]
    public async Task The_tls_question_of_a_proxy_is_answered_for_blog_hosts_only()
    {
        var blog = await App.Seed.BlogAsync("en");
        var install = App.Reader(host: Domain);
        Assert.Equal(HttpStatusCode.OK, (await install.GetAsync($"/hosting/tls?domain={Host(blog)}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await install.GetAsync($"/hosting/tls?domain={Domain}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await install.GetAsync($"/hosting/tls?domain=www.{Domain}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await install.GetAsync("/hosting/tls?domain=admin.qalam.test")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await install.GetAsync("/hosting/tls?domain=nobody-here.qalam.test")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await install.GetAsync("/hosting/tls?domain=stranger.example")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await install.GetAsync("/hosting/tls")).StatusCode);
    }
}
