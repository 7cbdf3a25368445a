using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Qalam.Accounts;
using Qalam.Blogs;
using Qalam.Storage;

namespace Qalam.Tests.Infrastructure;

// The real program on a real database, its clock under the test's control.
public sealed class QalamApp : WebApplicationFactory<Program>
{
    // Where every test app's clock starts: the first noon (UTC) at least an hour after the real present. The app writes
    // lifetimes by its clock (cookie Expires, sign-in tickets, form stamps) that real clients, HttpClient's cookie
    // container and Chromium, judge by theirs; a fake clock behind the real one hands them things already expired (a
    // fixed start date did, from 14 days after it). Never behind the real clock, the suite gives the same result on any
    // date; noon keeps a test that moves the clock a few hours inside one day in UTC and in Tehran.
    public static readonly DateTimeOffset Start = FirstNoonAfter(DateTimeOffset.UtcNow.AddHours(1));

    public static DateTimeOffset FirstNoonAfter(DateTimeOffset moment)
    {
        var noon = new DateTimeOffset(moment.UtcDateTime.Date.AddHours(12), TimeSpan.Zero);
        return noon >= moment ? noon : noon.AddDays(1);
    }

    private readonly bool _sampleContent;
    private readonly IReadOnlyDictionary<string, string> _settings;

    public QalamApp(TestDatabase database, bool sampleContent = false, FakeTimeProvider? time = null,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        Database = database;
        _sampleContent = sampleContent;
        Time = time ?? new FakeTimeProvider(Start);
        _settings = settings ?? new Dictionary<string, string>();
    }

    public TestDatabase Database { get; }

    private readonly DirectoryInfo _searchIndex = System.IO.Directory.CreateTempSubdirectory("qalam-search-");

    // Each app its own media folder: media lives in a folder per blog id, and every test database numbers its blogs
    // from 1, so a shared folder let one test's purge of "its" blog 3 delete another test's images (seen once in CI).
    private readonly DirectoryInfo _media = System.IO.Directory.CreateTempSubdirectory("qalam-media-");

    public FakeTimeProvider Time { get; }

    public Seed Seed => new(Services);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            _searchIndex.Delete(recursive: true);
            _media.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Left for the system's temporary-file cleanup.
        }
        GC.SuppressFinalize(this);
    }

    public bool ServedByKestrel { get; set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Storage:Provider", Database.Provider);
        builder.UseSetting("Storage:ConnectionString", Database.ConnectionString);
        builder.UseSetting("Qalam:SampleContent", _sampleContent ? "true" : "false");
        // Each app is a web node with its own search index, as two nodes on one database would have.
        builder.UseSetting("Search:IndexDirectory", _searchIndex.FullName);
        builder.UseSetting("Media:Directory", _media.FullName);
        // Tests submit forms as fast as a program can and share one address; the tests of the comment screen
        // turn these layers back on with their own settings.
        builder.UseSetting("Comments:MinimumFormAge", "00:00:00");
        builder.UseSetting("Comments:AddressLimit", "100000");
        builder.UseSetting("Comments:BlogLimit", "1000000");
        builder.UseSetting("Signup:AddressLimit", "1000");
        if (TestDatabase.Redis is { } redis)
        {
            builder.UseSetting("Redis:Configuration", redis);
            builder.UseSetting("Redis:KeyPrefix", Database.Key + ":");
        }
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureLogging(logging => logging.AddProvider(new ServerErrorLog()));
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Time);
        });
    }

    // A client signed in to the admin area with the password form, as a person would.
    public async Task<HttpClient> SignedInAsync(Qalam.Storage.QalamUser user, string? host = null)
    {
        var client = Reader(host: host);
        var form = await client.GetPageAsync("/admin/signin");
        var response = await client.SubmitAsync(form, "form", new Dictionary<string, string> { ["Email"] = user.Email!, ["password"] = Seed.Password }, "/admin/signin");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    // A blog with one person in a role on it, signed in to the admin area: where most admin tests start.
    public async Task<BlogPerson> BlogWithPersonAsync(string language = "fa", BlogRole role = BlogRole.Owner)
    {
        var blog = await Seed.BlogAsync(language);
        var person = await Seed.UserAsync();
        await Seed.GrantAsync(blog, person, role);
        return new BlogPerson(blog, person, await SignedInAsync(person));
    }

    // host: the host name the requests are sent to (a blog's subdomain or custom domain), else the factory's.
    public HttpClient Reader(string userAgent = Browsers.Firefox, string? host = null)
    {
        var address = host is null ? ClientOptions.BaseAddress : new Uri($"http://{host}/");
        // Served by Kestrel, the factory's client follows redirects whatever it is told; a plain client does not.
        var client = ServedByKestrel
            ? new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new() }) { BaseAddress = address }
            : CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = address });
        client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        return client;
    }
}

// One app and database shared by the tests of a run; every test creates its own blogs, so none sees another's data.
public sealed class SharedApp : IAsyncLifetime
{
    public QalamApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = new QalamApp(await TestDatabase.CreateAsync());
        _ = App.Server;
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await App.Database.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SharedAppCollection : ICollectionFixture<SharedApp>
{
    public const string Name = "Shared app";
}

public static class Browsers
{
    public const string Firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0";
    public const string Safari = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";
    public const string Googlebot = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

    public static string Distinct(int n) => $"Mozilla/5.0 (X11; Linux x86_64; rv:{100 + n}.0) Gecko/20100101 Firefox/{100 + n}.0";
}

public sealed record BlogPerson(Blog Blog, QalamUser Person, HttpClient Browser);
