using System.Globalization;
using Qalam.Accounts;

namespace Qalam.Tests.Blogs;

// Blogs at their own hosts in Chromium ({handle}.localhost, which the browser resolves to loopback itself): an old
// path address lands on the blog's host, a reader follows links and comments there, and an owner adds a custom
// domain and reads the DNS records to create, in both languages.
[Trait("Kind", "Browser")]
public sealed class HostsInBrowserTests
{
    [Theory]
    [InlineData("fa")]
    [InlineData("en")]
    public async Task A_reader_stays_on_the_blogs_host_and_an_owner_adds_a_custom_domain(string language)
    {
        using var dns = TestDnsServer.Start();
        var port = ServedApp.FreePort();
        var install = $"localhost:{port.ToString(CultureInfo.InvariantCulture)}";
        await using var served = await ServedApp.StartAsync(port: port, settings: new Dictionary<string, string>
        {
            ["Hosting:Domain"] = install,
            ["Hosting:Scheme"] = "http",
            ["Hosting:ServerAddresses:0"] = "203.0.113.7",
            ["Hosting:NameServers:0"] = dns.Address,
        });
        var blog = await served.App.Seed.BlogAsync(language);
        var post = await served.App.Seed.PostAsync(blog, language == "fa" ? "غزل نخست" : "First ghazal", tags: [language == "fa" ? "شعر" : "poetry"]);
        var owner = await served.App.Seed.UserAsync(language: language, email: $"owner-{blog.Handle}@example.com");
        await served.App.Seed.GrantAsync(blog, owner, BlogRole.Owner);
        var blogRoot = $"http://{blog.Handle}.{install}";

        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.Context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);

        await page.GotoAsync($"http://{install}/{blog.Handle}/posts/{Uri.EscapeDataString(post.Slug)}");
        Assert.Equal($"{blogRoot}/posts/{Uri.EscapeDataString(post.Slug)}", page.Url);
        await page.ClickAsync("a[rel=tag]");
        await page.WaitForURLAsync($"{blogRoot}/tags/**");
        await page.ClickAsync("main h2 a");
        await page.WaitForURLAsync($"{blogRoot}/posts/**");
        await page.FillAsync("#comment-name", "Sohrab");
        await page.FillAsync("#comment-body", language == "fa" ? "از نشانی خود وبلاگ." : "From the blog's own address.");
        await page.ClickAsync("#comment-form button[type=submit]");
        await page.WaitForSelectorAsync(".comment-body");
        Assert.StartsWith(blogRoot, page.Url, StringComparison.Ordinal);

        // The owner signs in at the install's address and adds a domain under Addresses.
        await page.GotoAsync($"http://{install}/admin/signin");
        await page.FillAsync("#email", owner.Email!);
        await page.FillAsync("#password", Seed.Password);
        await page.ClickAsync("form button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal));
        await page.GotoAsync($"http://{install}/admin/{blog.Handle}/addresses");
        await page.FillAsync("#domain-host", $"www.{blog.Handle}.example");
        await page.ClickAsync("form.panel.narrow button[type=submit]");
        await page.WaitForSelectorAsync("section.domain table.dns");
        Assert.Contains($"{blog.Handle}.{install.Split(':')[0]}", await page.InnerTextAsync("section.domain table.dns"), StringComparison.Ordinal);

        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.PhotographAsync(page, $"addresses-{language}");

        Assert.Empty(errors);
        Assert.Empty(browser.OutsideRequests);
    }
}
