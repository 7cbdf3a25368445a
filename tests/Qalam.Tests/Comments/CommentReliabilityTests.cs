using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qalam.Blogs;
using Qalam.Comments;
using Qalam.Storage;

namespace Qalam.Tests.Comments;

public sealed class CommentReliabilityTests
{
    private static readonly string[] RateLimitMessages =
    [
        "You have sent several comments in a short time. Please wait a few minutes and send this one again; your text is kept below.",
        "This blog is receiving too many comments right now. Please wait a few minutes and send yours again; your text is kept below.",
    ];

    [Fact]
    public async Task A_burst_of_200_comments_from_20_addresses_stores_each_accepted_one_once_and_tells_every_refused_one_why()
    {
        await using var served = await ServedApp.StartAsync(settings: new Dictionary<string, string>
        {
            // The test talks to Kestrel through loopback, as a reverse proxy would, and names the reader's address.
            ["Hosting:TrustedProxies:0"] = "127.0.0.1",
            ["Comments:AddressLimit"] = "6",
            ["Comments:BlogLimit"] = "100",
        });
        var blog = await served.App.Seed.BlogAsync("en", CommentPolicy.Open);
        var post = await served.App.Seed.PostAsync(blog, "Busy");
        var path = Seed.PathOf(blog, post);
        using var client = served.App.Reader();
        var stamp = (await client.GetPageAsync(path)).QuerySelector("input[name='Form.Stamp']")!.GetAttribute("value")!;

        var results = new ConcurrentBag<(int Address, int N, HttpStatusCode Status, string Message)>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 200), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, ct) =>
        {
            var address = i % 20;
            using var request = new HttpRequestMessage(HttpMethod.Post, path)
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["Form.Name"] = $"Reader {address}",
                    ["Form.Body"] = $"Comment {i} from reader {address}",
                    ["Form.Stamp"] = stamp,
                }),
            };
            request.Headers.Add("X-Forwarded-For", $"198.51.100.{address + 1}");
            using var response = await client.SendAsync(request, ct);
            var message = response.StatusCode == HttpStatusCode.Redirect ? "" : Html.Parse(await response.Content.ReadAsStringAsync(ct)).QuerySelector(".error-summary").Text();
            results.Add((address, i, response.StatusCode, message));
        });

        Assert.All(results, r => Assert.True(r.Status is HttpStatusCode.Redirect or HttpStatusCode.TooManyRequests, $"{r.Status} for comment {r.N}"));
        var accepted = results.Where(r => r.Status == HttpStatusCode.Redirect).ToList();
        var refused = results.Where(r => r.Status == HttpStatusCode.TooManyRequests).ToList();
        Assert.All(refused, r => Assert.Contains(r.Message, RateLimitMessages));
        Assert.InRange(accepted.Count, 90, 100);
        Assert.All(accepted.GroupBy(r => r.Address), g => Assert.InRange(g.Count(), 1, 6));

        await using var scope = served.App.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<QalamDb>().Comments.AsNoTracking()
            .Where(c => c.PostId == post.Id).Select(c => new { c.Body, c.ClientAddress }).ToListAsync();
        Assert.Equal(accepted.Select(r => $"Comment {r.N} from reader {r.Address}").Order(), stored.Select(c => c.Body).Order());
        Assert.All(stored, c => Assert.StartsWith("198.51.100.", c.ClientAddress, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_comment_from_a_blocked_address_range_goes_to_spam_and_the_queue_says_why()
    {
        await using var served = await ServedApp.StartAsync(settings: new Dictionary<string, string> { ["Hosting:TrustedProxies:0"] = "127.0.0.1" });
        var blog = await served.App.Seed.BlogAsync("en", CommentPolicy.Open);
        await served.App.Seed.UpdateBlogAsync(blog, b => b.CommentBlocklist = "203.0.113.0/24");
        var owner = await served.App.Seed.UserAsync();
        await served.App.Seed.GrantAsync(blog, owner, Qalam.Accounts.BlogRole.Owner);
        var post = await served.App.Seed.PostAsync(blog, "Open to all");
        using var client = served.App.Reader();
        var page = await client.GetPageAsync(Seed.PathOf(blog, post));
        async Task<HttpResponseMessage> FromAsync(string address, string body)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, Seed.PathOf(blog, post))
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["Form.Name"] = "Sender",
                    ["Form.Body"] = body,
                    ["Form.Stamp"] = page.QuerySelector("input[name='Form.Stamp']")!.GetAttribute("value")!,
                }),
            };
            request.Headers.Add("X-Forwarded-For", address);
            return await client.SendAsync(request);
        }

        using var blocked = await FromAsync("203.0.113.9", "From the blocked range");
        using var fine = await FromAsync("198.51.100.7", "From elsewhere");

        Assert.Contains("sent=held", blocked.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Contains("sent=published", fine.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var signedIn = await served.App.SignedInAsync(owner);
        var spam = await signedIn.GetPageAsync($"/admin/{blog.Handle}/comments?status=spam");
        var card = Assert.Single(spam.QuerySelectorAll(".comment-card"));
        Assert.Equal(["Sent from a blocked address: 203.0.113.0/24"], card.QuerySelectorAll(".reasons li").Select(li => li.Text()));
        Assert.Contains("203.0.113.9", card.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_comment_acknowledged_to_the_reader_survives_killing_the_server_right_after_the_response()
    {
        await using var database = await TestDatabase.CreateAsync();
        Blog blog;
        Qalam.Posts.Post post;
        await using (var seeding = new QalamApp(database))
        {
            blog = await seeding.Seed.BlogAsync("fa", CommentPolicy.Open);
            // The server below is the real program on the real clock, which the test apps' clock is ahead of.
            post = await seeding.Seed.PostAsync(blog, "ماندگار", publishedAt: DateTime.UtcNow.AddDays(-1));
        }
        var port = FreePort();
        var path = Seed.PathOf(blog, post);
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        using (var server = await StartServerAsync(database, port, client))
        {
            var page = Html.Parse(await client.GetStringAsync(path));
            using var response = await client.SubmitAsync(page, "#comment-form", new Dictionary<string, string>
            {
                ["Form.Name"] = "پایدار",
                ["Form.Body"] = "این نظر نباید گم شود.",
            }, path);
            server.Kill(entireProcessTree: true);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            await server.WaitForExitAsync();
        }

        using (var restarted = await StartServerAsync(database, port, client))
        {
            var page = Html.Parse(await client.GetStringAsync(path));
            Assert.Equal("این نظر نباید گم شود.", page.QuerySelector(".comment .comment-body").Text());
            restarted.Kill(entireProcessTree: true);
            await restarted.WaitForExitAsync();
        }
    }

    private static async Task<Process> StartServerAsync(TestDatabase database, int port, HttpClient client)
    {
        var process = QalamProcess.StartSite(database, port, new Dictionary<string, string> { ["Comments:MinimumFormAge"] = "00:00:00" });
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                using var probe = await client.GetAsync("/robots.txt");
                if (probe.IsSuccessStatusCode)
                {
                    return process;
                }
            }
            catch (HttpRequestException)
            {
            }
            Assert.False(process.HasExited, "the server stopped while starting");
            Assert.True(DateTime.UtcNow < deadline, "the server did not answer within a minute");
            await Task.Delay(200);
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        return ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
    }
}
