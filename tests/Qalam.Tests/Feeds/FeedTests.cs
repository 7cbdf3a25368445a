using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Qalam.Blogs;
using Qalam.Comments;
using Qalam.Posts;

namespace Qalam.Tests.Feeds;

// Feeds are read back by Python's feedparser (Debian's python3-feedparser), sitemaps checked by xmllint against a
// schema written from the sitemaps.org protocol, and the rules feed validators enforce (self links, absolute links,
// dates, stable ids) asserted on what those tools report.
[Collection(SharedAppCollection.Name)]
public sealed class FeedTests(SharedApp shared)
{
    private QalamApp App => shared.App;

    private sealed record Parsed(JsonElement Root)
    {
        public JsonElement[] Entries => Root.GetProperty("entries").EnumerateArray().ToArray();
    }

    private static async Task<Parsed> FeedParserAsync(byte[] feed)
    {
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Repo.Path("tests", "Qalam.Tests", "Feeds", "parse_feed.py"));
        using var process = Process.Start(start)!;
        await process.StandardInput.BaseStream.WriteAsync(feed);
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, error);
        var parsed = new Parsed(JsonDocument.Parse(output).RootElement);
        Assert.False(parsed.Root.GetProperty("bozo").GetBoolean(), parsed.Root.GetProperty("bozo_exception").GetString());
        return parsed;
    }

    private static async Task<string> XmllintAsync(byte[] xml, string schema)
    {
        var file = Path.Combine(Path.GetTempPath(), $"qalam-sitemap-{Guid.NewGuid():N}.xml");
        await File.WriteAllBytesAsync(file, xml);
        var start = new ProcessStartInfo("xmllint") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--noout", "--schema", Repo.Path("tests", "Qalam.Tests", "Feeds", schema), file })
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        File.Delete(file);
        return process.ExitCode == 0 ? "valid" : error;
    }

    private async Task<(Blog Blog, Post Persian, Post English)> BlogWithPostsAsync()
    {
        var blog = await App.Seed.BlogAsync("fa");
        var now = App.Time.GetUtcNow().UtcDateTime;
        var persian = await App.Seed.PostAsync(blog, "غزل حافظ & سعدی", "متن با [پیوند](/about) و ![تصویر](/media/a.png).", tags: ["شعر"], publishedAt: now.AddDays(-2));
        var english = await App.Seed.PostAsync(blog, "An English post", "Plain *English*.", language: "en", tags: ["poetry"], publishedAt: now.AddDays(-1));
        await App.Seed.PostAsync(blog, "پیش‌نویس", "هنوز نه.", draft: true);
        await App.Seed.PostAsync(blog, "Later", "Soon.", publishedAt: now.AddDays(3));
        return (blog, persian, english);
    }

    private static long Unix(DateTime utc) => new DateTimeOffset(utc.Ticks - utc.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero).ToUnixTimeSeconds();

    [Theory]
    [InlineData("feed.xml", "application/rss+xml", "rss20")]
    [InlineData("atom.xml", "application/atom+xml", "atom10")]
    public async Task A_blog_feed_is_read_by_a_real_feed_parser_with_absolute_links_dates_and_a_self_link(string file, string mediaType, string version)
    {
        var (blog, persian, english) = await BlogWithPostsAsync();

        using var response = await App.Reader().GetAsync($"/{blog.Handle}/{file}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var feed = await FeedParserAsync(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(version, feed.Root.GetProperty("version").GetString());
        Assert.Equal("fa", feed.Root.GetProperty("language").GetString());
        Assert.Contains(feed.Root.GetProperty("links").EnumerateArray(),
            l => l.GetProperty("rel").GetString() == "self" && l.GetProperty("href").GetString() == $"http://localhost/{blog.Handle}/{file}");
        // Newest first; the draft and the scheduled post are not there.
        Assert.Equal([english.Title, persian.Title], feed.Entries.Select(e => e.GetProperty("title").GetString()));
        var first = feed.Entries[1];
        Assert.Equal($"http://localhost{Seed.PathOf(blog, persian)}", first.GetProperty("link").GetString());
        Assert.Equal(Unix(persian.PublishedAt!.Value), first.GetProperty("published").GetInt64());
        Assert.Equal(["شعر"], first.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        var html = first.GetProperty("html").GetString()!;
        Assert.Contains("href=\"http://localhost/about\"", html, StringComparison.Ordinal);
        Assert.Contains("src=\"http://localhost/media/a.png\"", html, StringComparison.Ordinal);
        var ids = feed.Entries.Select(e => e.GetProperty("id").GetString()!).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches(@"^tag:localhost,\d{4}-\d{2}-\d{2}:", id));
    }

    [Fact]
    public async Task The_JSON_feed_follows_version_1_1()
    {
        var (blog, persian, english) = await BlogWithPostsAsync();

        using var response = await App.Reader().GetAsync($"/{blog.Handle}/feed.json");

        Assert.Equal("application/feed+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal("https://jsonfeed.org/version/1.1", root.GetProperty("version").GetString());
        Assert.Equal($"http://localhost/{blog.Handle}/feed.json", root.GetProperty("feed_url").GetString());
        Assert.Equal($"http://localhost/{blog.Handle}", root.GetProperty("home_page_url").GetString());
        var items = root.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([english.Title, persian.Title], items.Select(i => i.GetProperty("title").GetString()));
        Assert.Equal("en", items[0].GetProperty("language").GetString());
        foreach (var item in items)
        {
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", item.GetProperty("date_published").GetString());
            Assert.StartsWith("http://localhost/", item.GetProperty("url").GetString(), StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty(item.GetProperty("content_html").GetString()));
        }
    }

    [Fact]
    public async Task An_unchanged_feed_answers_304_and_a_new_post_changes_it()
    {
        var (blog, _, _) = await BlogWithPostsAsync();
        var reader = App.Reader();
        using var first = await reader.GetAsync($"/{blog.Handle}/atom.xml");
        var etag = first.Headers.ETag!;
        var lastModified = first.Content.Headers.LastModified!.Value;

        using var byTag = new HttpRequestMessage(HttpMethod.Get, $"/{blog.Handle}/atom.xml");
        byTag.Headers.IfNoneMatch.Add(etag);
        using var sameTag = await reader.SendAsync(byTag);
        using var byDate = new HttpRequestMessage(HttpMethod.Get, $"/{blog.Handle}/atom.xml");
        byDate.Headers.IfModifiedSince = lastModified;
        using var sameDate = await reader.SendAsync(byDate);
        await App.Seed.PostAsync(blog, "New", "News.");
        using var afterPost = new HttpRequestMessage(HttpMethod.Get, $"/{blog.Handle}/atom.xml");
        afterPost.Headers.IfNoneMatch.Add(etag);
        using var changed = await reader.SendAsync(afterPost);

        Assert.Equal(HttpStatusCode.NotModified, sameTag.StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, sameDate.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
    }

    [Fact]
    public async Task Tag_and_comment_feeds_hold_only_their_posts_and_approved_comments()
    {
        var (blog, persian, english) = await BlogWithPostsAsync();
        await App.Seed.CommentAsync(persian, "مریم", "نظر نخست\n\nبند دوم <b>نه</b>");
        await App.Seed.CommentAsync(persian, "Held", "Waiting for the owner.", CommentStatus.Pending);
        var reader = App.Reader();

        var tag = await FeedParserAsync(await reader.GetByteArrayAsync($"/{blog.Handle}/tags/poetry/feed.xml"));
        var comments = await FeedParserAsync(await reader.GetByteArrayAsync($"{Seed.PathOf(blog, persian)}/atom.xml"));
        using var noTag = await reader.GetAsync($"/{blog.Handle}/tags/nothing/feed.xml");
        using var noPost = await reader.GetAsync($"/{blog.Handle}/posts/missing/feed.xml");
        using var wordPress = await reader.GetAsync($"/{blog.Handle}/feed");

        Assert.Equal([english.Title], tag.Entries.Select(e => e.GetProperty("title").GetString()));
        var comment = Assert.Single(comments.Entries);
        Assert.Equal("نظر مریم", comment.GetProperty("title").GetString());
        Assert.Equal("<p>نظر نخست</p><p>بند دوم &lt;b&gt;نه&lt;/b&gt;</p>", comment.GetProperty("html").GetString()!.Replace("\n", "", StringComparison.Ordinal));
        Assert.StartsWith($"http://localhost{Seed.PathOf(blog, persian)}#comment-", comment.GetProperty("link").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, noTag.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noPost.StatusCode);
        Assert.Equal(HttpStatusCode.MovedPermanently, wordPress.StatusCode);
        Assert.Equal($"/{blog.Handle}/feed.xml", wordPress.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Pages_announce_their_feeds_canonical_address_and_social_cards()
    {
        var (blog, persian, _) = await BlogWithPostsAsync();
        var reader = App.Reader();

        var home = await reader.GetPageAsync($"/{blog.Handle}");
        var tagPage = await reader.GetPageAsync($"/{blog.Handle}/tags/{Uri.EscapeDataString("شعر")}");
        var post = await reader.GetPageAsync(Seed.PathOf(blog, persian));

        foreach (var page in new[] { home, tagPage, post })
        {
            var feeds = page.QuerySelectorAll("link[rel=alternate]").Select(l => (l.GetAttribute("type"), l.GetAttribute("href"))).ToList();
            Assert.Contains(("application/rss+xml", $"/{blog.Handle}/feed.xml"), feeds);
            Assert.Contains(("application/atom+xml", $"/{blog.Handle}/atom.xml"), feeds);
            foreach (var (_, href) in feeds)
            {
                using var feed = await reader.GetAsync(href);
                Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
            }
        }
        Assert.Contains(tagPage.QuerySelectorAll("link[rel=alternate]"), l => l.GetAttribute("href") == $"/{blog.Handle}/tags/{Uri.EscapeDataString("شعر")}/feed.xml");
        Assert.Contains(post.QuerySelectorAll("link[rel=alternate]"), l => l.GetAttribute("href") == $"{Seed.PathOf(blog, persian)}/feed.xml");
        Assert.Equal($"http://localhost/{blog.Handle}", home.QuerySelector("link[rel=canonical]")?.GetAttribute("href"));
        var canonical = $"http://localhost{Seed.PathOf(blog, persian)}";
        Assert.Equal(canonical, post.QuerySelector("link[rel=canonical]")?.GetAttribute("href"));
        Assert.Equal(canonical, post.QuerySelector("meta[property='og:url']")?.GetAttribute("content"));
        Assert.Equal(persian.Title, post.QuerySelector("meta[property='og:title']")?.GetAttribute("content"));
        Assert.Equal("fa_IR", post.QuerySelector("meta[property='og:locale']")?.GetAttribute("content"));
        Assert.Equal("summary", post.QuerySelector("meta[name='twitter:card']")?.GetAttribute("content"));
        using var data = JsonDocument.Parse(post.QuerySelector("script[type='application/ld+json']")!.TextContent);
        Assert.Equal("BlogPosting", data.RootElement.GetProperty("@type").GetString());
        Assert.Equal(persian.Title, data.RootElement.GetProperty("headline").GetString());
        Assert.Equal("fa", data.RootElement.GetProperty("inLanguage").GetString());
        Assert.Equal(persian.PublishedAt!.Value.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), data.RootElement.GetProperty("datePublished").GetString());
    }

    [Fact]
    public async Task Sitemaps_follow_the_protocol_schema_and_list_only_public_posts()
    {
        var (blog, persian, english) = await BlogWithPostsAsync();
        var reader = App.Reader();

        var index = await reader.GetByteArrayAsync("/sitemap.xml");
        var page = await reader.GetByteArrayAsync($"/{blog.Handle}/sitemap-1.xml");
        using var beyond = await reader.GetAsync($"/{blog.Handle}/sitemap-2.xml");
        var robots = await reader.GetStringAsync("/robots.txt");

        Assert.Equal("valid", await XmllintAsync(index, "siteindex.xsd"));
        Assert.Equal("valid", await XmllintAsync(page, "sitemap.xsd"));
        Assert.Contains($"<loc>http://localhost/{blog.Handle}/sitemap-1.xml</loc>", System.Text.Encoding.UTF8.GetString(index), StringComparison.Ordinal);
        var locs = System.Xml.Linq.XDocument.Parse(System.Text.Encoding.UTF8.GetString(page)).Descendants()
            .Where(e => e.Name.LocalName == "loc").Select(e => e.Value).ToList();
        Assert.Equal([$"http://localhost/{blog.Handle}", $"http://localhost{Seed.PathOf(blog, persian)}", $"http://localhost{Seed.PathOf(blog, english)}"], locs);
        Assert.Equal(HttpStatusCode.NotFound, beyond.StatusCode);
        Assert.Contains("Sitemap: http://localhost/sitemap.xml", robots, StringComparison.Ordinal);
        Assert.Contains("Disallow: /admin/", robots, StringComparison.Ordinal);
    }
}
