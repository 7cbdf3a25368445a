using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qalam.Posts;
using Qalam.Storage;
using Qalam.Visits;

namespace Qalam.Tests.Visits;

// The write-behind buffer: visits wait in memory and are written in batches, exactly, on one node or two, and a
// graceful stop writes what is left. Each test owns its apps and database.
public sealed class VisitStorageTests
{
    private static readonly Dictionary<string, string> NeverFlush = new() { ["Visits:FlushInterval"] = "01:00:00" };

    private sealed record Stored(long OnPost, long ByDay, int Readers);

    private static async Task<Stored> StoredAsync(TestDatabase database, int postId)
    {
        await using var app = new QalamApp(database);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QalamDb>();
        return new Stored(
            await db.Posts.Where(p => p.Id == postId).Select(p => p.VisitCount).SingleAsync(),
            await db.PostVisitDays.Where(v => v.PostId == postId).SumAsync(v => v.Visits),
            await db.VisitReaders.CountAsync(r => r.PostId == postId));
    }

    [Fact]
    public async Task Visits_wait_in_memory_are_shown_at_once_and_a_graceful_stop_writes_them_all()
    {
        await using var database = await TestDatabase.CreateAsync();
        int postId;
        string path;
        await using (var app = new QalamApp(database, settings: NeverFlush))
        {
            var blog = await app.Seed.BlogAsync("en");
            var post = await app.Seed.PostAsync(blog, "Buffered");
            (postId, path) = (post.Id, Seed.PathOf(blog, post));
            await Task.WhenAll(Enumerable.Range(0, 25).Select(async i => (await app.Reader(Browsers.Distinct(i)).GetAsync(path)).Dispose()));

            using var scope = app.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<QalamDb>();
            Assert.Equal(0, await db.Posts.Where(p => p.Id == postId).Select(p => p.VisitCount).SingleAsync());
            Assert.Equal("26 visits", (await app.Reader(Browsers.Safari).GetPageAsync(path)).QuerySelector(".visits").Text());
        }

        Assert.Equal(new Stored(26, 26, 26), await StoredAsync(database, postId));
    }

    [Fact]
    public async Task Two_nodes_sharing_a_database_count_each_reader_once()
    {
        await using var database = await TestDatabase.CreateAsync();
        var settings = new Dictionary<string, string> { ["Visits:FlushInterval"] = "00:00:00.200" };
        int postId;
        await using (var a = new QalamApp(database, settings: settings))
        await using (var b = new QalamApp(database, settings: settings))
        {
            var blog = await a.Seed.BlogAsync("fa");
            var post = await a.Seed.PostAsync(blog, "دو گره");
            postId = post.Id;
            var path = Seed.PathOf(blog, post);
            // Readers 0–19 come to node A, 10–29 to node B, at the same time: 30 readers, ten of them on both nodes.
            await Task.WhenAll(
                Task.WhenAll(Enumerable.Range(0, 20).Select(async i => (await a.Reader(Browsers.Distinct(i)).GetAsync(path)).Dispose())),
                Task.WhenAll(Enumerable.Range(10, 20).Select(async i => (await b.Reader(Browsers.Distinct(i)).GetAsync(path)).Dispose())));
            await Task.Delay(500);
            await Task.WhenAll(Enumerable.Range(0, 30).Select(async i => (await b.Reader(Browsers.Distinct(i)).GetAsync(path)).Dispose()));
        }

        Assert.Equal(new Stored(30, 30, 30), await StoredAsync(database, postId));
    }

    [Fact]
    public async Task X_Forwarded_For_names_the_reader_only_behind_a_trusted_proxy()
    {
        async Task<string> TwoAddressesOneBrowserAsync(ServedApp served)
        {
            var blog = await served.App.Seed.BlogAsync("en");
            var post = await served.App.Seed.PostAsync(blog, "Proxied");
            var path = Seed.PathOf(blog, post);
            foreach (var address in new[] { "203.0.113.7", "198.51.100.23" })
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                request.Headers.Add("X-Forwarded-For", address);
                (await served.App.Reader().SendAsync(request)).Dispose();
            }
            using var last = new HttpRequestMessage(HttpMethod.Get, path);
            last.Headers.Add("X-Forwarded-For", "198.51.100.23");
            using var response = await served.App.Reader().SendAsync(last);
            return Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelector(".visits").Text();
        }

        await using (var trusting = await ServedApp.StartAsync(settings: new Dictionary<string, string> { ["Hosting:TrustedProxies:0"] = "127.0.0.1" }))
        {
            Assert.Equal("2 visits", await TwoAddressesOneBrowserAsync(trusting));
        }
        await using (var direct = await ServedApp.StartAsync())
        {
            Assert.Equal("1 visit", await TwoAddressesOneBrowserAsync(direct));
        }
    }
}
