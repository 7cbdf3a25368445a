using Microsoft.Playwright;

namespace Qalam.Tests.Infrastructure;

// Debian's Chromium driven by Playwright, with a fresh profile and no way to reach anything but loopback.
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly string _profile;

    private BrowserSession(IPlaywright playwright, IBrowserContext context, string profile)
    {
        _playwright = playwright;
        Context = context;
        _profile = profile;
    }

    public IBrowserContext Context { get; }

    // Requests the page tried to make to any host but this machine: each one is a failure for the caller to assert on.
    public List<string> OutsideRequests { get; } = [];

    public static async Task<BrowserSession> StartAsync(int width = 1280, int height = 900)
    {
        var playwright = await Playwright.CreateAsync();
        var profile = Directory.CreateTempSubdirectory("qalam-chromium-").FullName;
        var context = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-quic",
            ],
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        // On the 2-core CI machine several test apps start at once (each fills its sample blogs, similar posts and
        // search index); a first page has taken longer than Playwright's 30 s there without any server error.
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        var session = new BrowserSession(playwright, context, profile);
        await context.RouteAsync("**/*", async route =>
        {
            var host = new Uri(route.Request.Url).Host;
            // Chromium resolves *.localhost to loopback itself: blogs at their own subdomains in host-routing tests.
            if (host is "127.0.0.1" or "localhost" or "[::1]" || host.EndsWith(".localhost", StringComparison.Ordinal))
            {
                await route.ContinueAsync();
            }
            else
            {
                lock (session.OutsideRequests)
                {
                    session.OutsideRequests.Add(route.Request.Url);
                }
                await route.AbortAsync();
            }
        });
        return session;
    }

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        _playwright.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still be flushing its profile; a leftover temp folder harms nothing.
        }
    }
}

// An app served by Kestrel on a loopback port, for the browser to reach.
public sealed class ServedApp : IAsyncDisposable
{
    private ServedApp(QalamApp app) => App = app;

    public QalamApp App { get; }

    public Uri BaseAddress => App.ClientOptions.BaseAddress;

    // port: a fixed port when the settings must name it (Hosting:Domain), else any free one.
    public static async Task<ServedApp> StartAsync(bool sampleContent = false, IReadOnlyDictionary<string, string>? settings = null, int port = 0)
    {
        var app = new QalamApp(await TestDatabase.CreateAsync(), sampleContent, settings: settings);
        app.UseKestrel(port);
        app.ServedByKestrel = true;
        app.StartServer();
        return new ServedApp(app);
    }

    public string Url(string path) => new Uri(BaseAddress, path).ToString();

    // Signs `page` in to the admin area with the password form, in `language`, as a person would.
    public async Task SignInAsync(IPage page, string email, string language)
    {
        await page.GotoAsync(Url($"/admin/signin?culture={language}&ui-culture={language}"));
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", Seed.Password);
        await page.ClickAsync("form.panel button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal));
    }

    public static int FreePort()
    {
        using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await App.Database.DisposeAsync();
    }
}
