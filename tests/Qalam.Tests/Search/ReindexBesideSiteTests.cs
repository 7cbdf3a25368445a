using System.Text.Json;

namespace Qalam.Tests.Search;

// `qalam reindex` run against the data of a running site: it used to empty the site's search index under it and exit
// 1 with a Lucene file error. Now it recomputes similar posts, says in one line that it left the index to the site, and
// the site's search keeps finding old posts and new ones.
public sealed class ReindexBesideSiteTests
{
    [Fact]
    public async Task Reindex_beside_a_running_site_recomputes_similar_posts_and_leaves_the_sites_index_whole()
    {
        await using var database = await TestDatabase.CreateAsync();
        await QalamProcess.RunAsync(database, "users", "create", "--email", "owner@example.com", "--password", Seed.Password);
        await QalamProcess.RunAsync(database, "blogs", "create", "--handle", "daftar", "--title", "Daftar", "--language", "en", "--owner", "owner@example.com");
        var token = (await QalamProcess.RunAsync(database, "tokens", "create", "--email", "owner@example.com")).Stdout.Trim();
        var index = Path.Combine(Path.GetTempPath(), "qalam-shared-search-" + Guid.NewGuid().ToString("N"));
        var port = ServedApp.FreePort();
        using var site = QalamProcess.StartSite(database, port, new Dictionary<string, string> { ["Search:IndexDirectory"] = index });
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") }.WithToken(token);
            await ReadyAsync(client, site);
            for (var i = 0; i < 12; i++)
            {
                (await client.PostJsonAsync("/api/v1/blogs/daftar/posts", new { title = $"Pomegranate orchard {i}", body = $"Pomegranate trees and orchard water {i}.", status = "published" }))
                    .EnsureSuccessStatusCode();
            }
            Assert.Equal(12, await FoundAsync(client, "pomegranate", 12));

            var reindex = await QalamProcess.RunAsync(database, new Dictionary<string, string> { ["Search__IndexDirectory"] = index }, "reindex");

            Assert.True(reindex.ExitCode == 0, reindex.Stderr);
            Assert.Contains($"Search: left alone (a running site owns {index} and keeps it up to date).", reindex.Stdout, StringComparison.Ordinal);
            Assert.Contains("Reindexed daftar.", reindex.Stdout, StringComparison.Ordinal);
            Assert.False(site.HasExited);
            // The site's index is whole: every post is still found, and a post saved after is found too.
            Assert.Equal(12, await FoundAsync(client, "pomegranate", 12));
            (await client.PostJsonAsync("/api/v1/blogs/daftar/posts", new { title = "Quince jam", body = "Quince.", status = "published" })).EnsureSuccessStatusCode();
            Assert.Equal(1, await FoundAsync(client, "quince", 1));
        }
        finally
        {
            site.Kill(entireProcessTree: true);
            await site.WaitForExitAsync();
            Directory.Delete(index, recursive: true);
        }
    }

    private static async Task ReadyAsync(HttpClient client, System.Diagnostics.Process site)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            Assert.False(site.HasExited, "The site stopped by itself.");
            try
            {
                if ((await client.GetAsync("/api/v1/blogs/daftar")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The site did not start.");
    }

    // The search API's total for a word, asked until it reaches `expected` (the index catches up within seconds).
    private static async Task<int> FoundAsync(HttpClient client, string word, int expected)
    {
        var total = -1;
        for (var attempt = 0; attempt < 100 && total != expected; attempt++)
        {
            var response = await client.GetAsync($"/api/v1/blogs/daftar/search?q={word}");
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            total = json.RootElement.GetProperty("total").GetInt32();
            if (total != expected)
            {
                await Task.Delay(200);
            }
        }
        return total;
    }
}
