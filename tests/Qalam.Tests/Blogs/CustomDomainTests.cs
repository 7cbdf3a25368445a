using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qalam.Accounts;
using Qalam.Blogs;
using Qalam.Storage;

namespace Qalam.Tests.Blogs;

// An owner adds a domain of their own in the admin area; a real DNS server on loopback holds the records they create,
// and the blog is served at the domain only once the lookup shows it points here.
public sealed class CustomDomainTests : WithOwnApp
{
    private const string Domain = "qalam.test";
    private const string ServerAddress = "203.0.113.7";

    private readonly TestDnsServer _dns = TestDnsServer.Start();

    protected override IReadOnlyDictionary<string, string> Settings() => new Dictionary<string, string>
    {
        ["Hosting:Domain"] = Domain,
        ["Hosting:Scheme"] = "http",
        ["Hosting:ServerAddresses:0"] = ServerAddress,
        ["Hosting:NameServers:0"] = _dns.Address,
    };

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _dns.Dispose();
    }

    private async Task<(Blog Blog, HttpClient Admin)> BlogWithOwnerAsync(string language = "en")
    {
        var blog = await App.Seed.BlogAsync(language);
        var owner = await App.Seed.UserAsync(language: language);
        await App.Seed.GrantAsync(blog, owner, BlogRole.Owner);
        return (blog, await App.SignedInAsync(owner, host: Domain));
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient admin, Blog blog, string handler, Dictionary<string, string> values)
    {
        var page = await admin.GetPageAsync($"/admin/{blog.Handle}/addresses");
        values["__RequestVerificationToken"] = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return await admin.PostAsync($"/admin/{blog.Handle}/addresses?handler={handler}", new FormUrlEncodedContent(values));
    }

    private async Task<int> DomainIdAsync(string host)
    {
        using var scope = App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<QalamDb>().Set<BlogDomain>().Where(d => d.Host == host).Select(d => d.Id).SingleAsync();
    }

    private static Dictionary<string, string> Id(int id) => new() { ["domainId"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    [Fact]
    public async Task A_domain_is_served_once_its_cname_points_here_and_as_the_main_address_every_other_address_redirects_to_it()
    {
        var (blog, admin) = await BlogWithOwnerAsync();
        var post = await App.Seed.PostAsync(blog, "Under my own name");
        var host = $"www.{blog.Handle}.example";

        using var added = await PostAsync(admin, blog, "Add", new() { ["host"] = $"https://WWW.{blog.Handle}.example/" });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var waiting = await admin.GetPageAsync($"/admin/{blog.Handle}/addresses");
        var section = waiting.QuerySelector("section.domain")!;
        Assert.Contains(host, section.QuerySelector("h2").Text(), StringComparison.Ordinal);
        Assert.Contains("Waiting for DNS", section.Text(), StringComparison.Ordinal);
        Assert.Contains("no record", section.Text(), StringComparison.Ordinal);
        var cells = section.QuerySelectorAll("table.dns td").Select(td => td.Text()).ToList();
        Assert.Equal(["CNAME", host, $"{blog.Handle}.{Domain}"], cells.Take(3));
        Assert.Contains(ServerAddress, cells);
        Assert.Contains(cells, c => c.StartsWith("qalam-verify=", StringComparison.Ordinal));
        await App.Reader(host: host).GetPageAsync("/", HttpStatusCode.NotFound);

        _dns.Cname(host, $"{blog.Handle}.{Domain}.");
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(admin, blog, "Check", Id(await DomainIdAsync(host)))).StatusCode);
        Assert.Contains("Points here", (await admin.GetPageAsync($"/admin/{blog.Handle}/addresses")).QuerySelector("section.domain").Text(), StringComparison.Ordinal);
        // Served, by a redirect to the main address (still the subdomain) until the owner makes the domain the main one.
        using (var atDomain = await App.Reader(host: host).GetAsync($"/posts/{post.Slug}"))
        {
            Assert.Equal(HttpStatusCode.MovedPermanently, atDomain.StatusCode);
            Assert.Equal($"http://{blog.Handle}.{Domain}/posts/{post.Slug}", atDomain.Headers.Location!.OriginalString);
        }

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(admin, blog, "Primary", Id(await DomainIdAsync(host)))).StatusCode);
        var page = await App.Reader(host: host).GetPageAsync($"/posts/{post.Slug}");
        Assert.Equal($"http://{host}/posts/{post.Slug}", page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal($"http://{host}", page.QuerySelector(".blog-title a")!.GetAttribute("href"));
        using (var fromSubdomain = await App.Reader(host: $"{blog.Handle}.{Domain}").GetAsync($"/posts/{post.Slug}?a=1"))
        {
            Assert.Equal(HttpStatusCode.MovedPermanently, fromSubdomain.StatusCode);
            Assert.Equal($"http://{host}/posts/{post.Slug}?a=1", fromSubdomain.Headers.Location!.OriginalString);
        }
        using (var fromPath = await App.Reader(host: Domain).GetAsync($"/{blog.Handle}/posts/{post.Slug}"))
        {
            Assert.Equal($"http://{host}/posts/{post.Slug}", fromPath.Headers.Location!.OriginalString);
        }
        using (var json = JsonDocument.Parse(await App.Reader(host: Domain).GetStringAsync($"/api/v1/blogs/{blog.Handle}/posts/{post.Id}")))
        {
            Assert.Equal($"http://{host}/posts/{post.Slug}", json.RootElement.GetProperty("url").GetString());
        }
        Assert.Equal(HttpStatusCode.OK, (await App.Reader(host: Domain).GetAsync($"/hosting/tls?domain={host}")).StatusCode);

        // The owner points the name elsewhere: once checked, it is no longer served and the subdomain is main again.
        _dns.Clear(host);
        _dns.Cname(host, "somewhere.else.example.");
        await PostAsync(admin, blog, "Check", Id(await DomainIdAsync(host)));
        await App.Reader(host: host).GetPageAsync("/", HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, (await App.Reader(host: Domain).GetAsync($"/hosting/tls?domain={host}")).StatusCode);
        await App.Reader(host: $"{blog.Handle}.{Domain}").GetPageAsync($"/posts/{post.Slug}");
        Assert.Contains("somewhere else", (await admin.GetPageAsync($"/admin/{blog.Handle}/addresses")).QuerySelector("section.domain").Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bare_domain_needs_address_records_to_the_install_and_the_txt_proof()
    {
        var (blog, admin) = await BlogWithOwnerAsync("fa");
        var host = $"{blog.Handle}-apex.example";
        using var added = await PostAsync(admin, blog, "Add", new() { ["host"] = host });
        var id = await DomainIdAsync(host);

        _dns.A(host, "198.51.100.1");
        await PostAsync(admin, blog, "Check", Id(id));
        Assert.Contains("به جای دیگری", await StatusOnPageAsync(admin, blog), StringComparison.Ordinal);

        _dns.Clear(host);
        _dns.A(host, ServerAddress);
        await PostAsync(admin, blog, "Check", Id(id));
        Assert.Contains("رکورد TXT", await StatusOnPageAsync(admin, blog), StringComparison.Ordinal);
        await App.Reader(host: host).GetPageAsync("/", HttpStatusCode.NotFound);

        var proof = (await admin.GetPageAsync($"/admin/{blog.Handle}/addresses")).QuerySelectorAll("table.dns td").Select(td => td.Text())
            .Single(t => t.StartsWith("qalam-verify=", StringComparison.Ordinal));
        _dns.Txt($"_qalam.{host}", proof);
        await PostAsync(admin, blog, "Check", Id(id));
        var working = await StatusOnPageAsync(admin, blog);
        Assert.Contains("به اینجا اشاره می‌کند", working, StringComparison.Ordinal);
        Assert.DoesNotContain("رکورد TXT", working, StringComparison.Ordinal);
        using (var atDomain = await App.Reader(host: host).GetAsync("/"))
        {
            Assert.Equal($"http://{blog.Handle}.{Domain}/", atDomain.Headers.Location!.OriginalString);
        }
        await PostAsync(admin, blog, "Primary", Id(id));
        var home = await App.Reader(host: host).GetPageAsync("/");
        Assert.Equal("fa", home.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task Domains_are_looked_at_again_once_the_check_interval_has_passed_and_one_pointing_elsewhere_stops_being_served()
    {
        var (blog, admin) = await BlogWithOwnerAsync();
        var host = $"blog.{blog.Handle}.example";
        _dns.Cname(host, $"{blog.Handle}.{Domain}.");
        await PostAsync(admin, blog, "Add", new() { ["host"] = host });
        Assert.Contains("Points here", await StatusOnPageAsync(admin, blog), StringComparison.Ordinal);

        _dns.Clear(host);
        _dns.Cname(host, "parked.registrar.example.");
        Assert.Equal(0, await CheckDueAsync());
        Assert.Contains("Points here", await StatusOnPageAsync(admin, blog), StringComparison.Ordinal);

        App.Time.Advance(TimeSpan.FromHours(1.5));
        Assert.True(await CheckDueAsync() >= 1);
        Assert.Contains("somewhere else", await StatusOnPageAsync(admin, blog), StringComparison.Ordinal);
        using var gone = await App.Reader(host: host).GetAsync("/");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    // What DomainChecker does in the background every tenth of Hosting:DomainCheckInterval.
    private async Task<int> CheckDueAsync()
    {
        using var scope = App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<CustomDomains>().CheckDueAsync(CancellationToken.None);
    }

    // What the owner reads about the blog's (one) domain on the Addresses page.
    private static async Task<string> StatusOnPageAsync(HttpClient admin, Blog blog) =>
        (await admin.GetPageAsync($"/admin/{blog.Handle}/addresses")).QuerySelector("section.domain").Text();

    [Fact]
    public async Task Names_that_are_not_a_domain_the_installs_own_or_another_blogs_are_refused_with_a_reason()
    {
        var (blog, admin) = await BlogWithOwnerAsync();
        var (other, otherAdmin) = await BlogWithOwnerAsync();
        var taken = $"blog.{other.Handle}.example";
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(otherAdmin, other, "Add", new() { ["host"] = taken })).StatusCode);

        foreach (var (input, status, message) in new[]
        {
            ("not a domain", HttpStatusCode.UnprocessableEntity, "not a domain name"),
            ("192.0.2.1", HttpStatusCode.UnprocessableEntity, "not a domain name"),
            ("<script>alert(1)</script>.example", HttpStatusCode.UnprocessableEntity, "not a domain name"),
            ($"mine.{Domain}", HttpStatusCode.UnprocessableEntity, "own domain"),
            (taken.ToUpperInvariant(), HttpStatusCode.Conflict, "already been added"),
        })
        {
            using var refused = await PostAsync(admin, blog, "Add", new() { ["host"] = input });
            Assert.Equal(status, refused.StatusCode);
            var page = Html.Parse(await refused.Content.ReadAsStringAsync());
            Assert.Contains(message, page.QuerySelector(".error-summary").Text(), StringComparison.Ordinal);
            Assert.Equal(input, page.QuerySelector("#domain-host")!.GetAttribute("value"));
        }
        Assert.Empty((await admin.GetPageAsync($"/admin/{blog.Handle}/addresses")).QuerySelectorAll("section.domain"));

        // Another blog's domain cannot be checked, made main or removed from this blog's page.
        var foreign = Id(await DomainIdAsync(taken));
        foreach (var handler in new[] { "Check", "Primary", "Remove" })
        {
            using var response = await PostAsync(admin, blog, handler, foreign);
            Assert.Equal((handler, HttpStatusCode.NotFound), (handler, response.StatusCode));
        }
        Assert.Equal(taken, (await otherAdmin.GetPageAsync($"/admin/{other.Handle}/addresses")).QuerySelector("section.domain h2 bdi").Text());

        // Authors of a blog do not manage its addresses.
        var author = await App.Seed.UserAsync();
        await App.Seed.GrantAsync(blog, author, BlogRole.Author);
        var authorClient = await App.SignedInAsync(author, host: Domain);
        using var forbidden = await authorClient.GetAsync($"/admin/{blog.Handle}/addresses");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }
}
