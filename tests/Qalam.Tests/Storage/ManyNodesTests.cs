using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qalam.Blogs;
using Qalam.Comments;
using Qalam.Posts;
using Qalam.Storage;

namespace Qalam.Tests.Storage;

// Three nodes on one PostgreSQL database, as behind a balancer: limits one sender must not multiply by the nodes, and
// a change made through one node seen by the others' caches and search. The suite's PostgreSQL run has a Redis server.
public sealed class ManyNodesTests
{
    [ManyNodesFact(redis: true)]
    public async Task One_sender_going_through_three_nodes_gets_the_comment_limit_once_not_three_times()
    {
        var database = await TestDatabase.CreateAsync();
        var settings = new Dictionary<string, string> { ["Comments:AddressLimit"] = "3" };
        await using var first = new QalamApp(database, settings: settings);
        var blog = await first.Seed.BlogAsync("en", CommentPolicy.Open);
        var post = await first.Seed.PostAsync(blog, "Busy");
        await using var second = new QalamApp(database, settings: settings);
        await using var third = new QalamApp(database, settings: settings);

        var answers = await CommentThroughAsync([first, second, third], blog, post, 9);

        Assert.Equal(3, answers.Count(a => a == HttpStatusCode.Redirect));
        Assert.Equal(6, answers.Count(a => a == HttpStatusCode.TooManyRequests));
        Assert.Equal(3, await CountCommentsAsync(first, post.Id));
    }

    [ManyNodesFact]
    public async Task Without_a_reachable_Redis_each_node_keeps_the_comment_limit_alone_and_nothing_fails()
    {
        var database = await TestDatabase.CreateAsync();
        // Port 9 (discard) has no Redis on a loopback address: the connection is refused at once.
        var settings = new Dictionary<string, string> { ["Comments:AddressLimit"] = "2", ["Redis:Configuration"] = "127.0.0.1:9" };
        await using var first = new QalamApp(database, settings: settings);
        var blog = await first.Seed.BlogAsync("en", CommentPolicy.Open);
        var post = await first.Seed.PostAsync(blog, "Busy");
        await using var second = new QalamApp(database, settings: settings);

        var answers = await CommentThroughAsync([first, second], blog, post, 6);

        Assert.All(answers, a => Assert.True(a is HttpStatusCode.Redirect or HttpStatusCode.TooManyRequests, a.ToString()));
        Assert.Equal(4, answers.Count(a => a == HttpStatusCode.Redirect));
        Assert.Equal(4, await CountCommentsAsync(first, post.Id));
    }

    [ManyNodesFact(redis: true)]
    public async Task One_sender_going_through_two_nodes_gets_the_sign_up_limit_once()
    {
        await using var mail = TestMailServer.Start();
        var settings = mail.Settings;
        settings["Signup:AddressLimit"] = "2";
        var database = await TestDatabase.CreateAsync();
        await using var first = new QalamApp(database, settings: settings);
        await using var second = new QalamApp(database, settings: settings);
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            var reader = (i % 2 == 0 ? first : second).Reader();
            var handle = "n" + Guid.NewGuid().ToString("N")[..8];
            using var response = await reader.SubmitAsync(await reader.GetPageAsync("/signup"), "form.panel", new Dictionary<string, string>
            {
                ["Form.Email"] = $"{handle}@example.org",
                ["Form.Password"] = "a long enough passphrase",
                ["Form.Handle"] = handle,
                ["Form.Title"] = "T",
                ["Form.Language"] = "en",
            }, "/signup");
            answers.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], answers);
    }

    [ManyNodesFact]
    public async Task An_edit_saved_through_one_node_drops_the_other_nodes_cached_pages_and_reaches_their_search()
    {
        var database = await TestDatabase.CreateAsync();
        // Kept ten minutes (the most allowed), on clocks that stand still: only the first node's notice can make the second render again.
        var settings = new Dictionary<string, string> { ["Posts:PageCacheLifetime"] = "00:10:00" };
        await using var writer = new QalamApp(database, settings: settings);
        var blog = await writer.Seed.BlogAsync("en");
        var post = await writer.Seed.PostAsync(blog, "Before the edit");
        await using var other = new QalamApp(database, settings: settings);
        using var reader = other.Reader();
        var path = Seed.PathOf(blog, post);
        Assert.Contains("Before the edit", (await reader.GetPageAsync(path)).Title, StringComparison.Ordinal);
        Assert.Contains("Before the edit", (await reader.GetPageAsync(path)).Title, StringComparison.Ordinal);
        Assert.Contains("Before the edit", (await reader.GetPageAsync($"/{blog.Handle}")).Body!.TextContent, StringComparison.Ordinal);

        await using (var scope = writer.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QalamDb>();
            var saved = await db.Posts.SingleAsync(p => p.Id == post.Id);
            saved.Write("After the edit zanzibarish", saved.BodyMarkdown, saved.Language, scope.ServiceProvider.GetRequiredService<MarkdownRenderer>(),
                writer.Time.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
        }

        await WaitForAsync(async () => (await reader.GetPageAsync(path)).Title!.Contains("After the edit", StringComparison.Ordinal));
        await WaitForAsync(async () => (await reader.GetPageAsync($"/{blog.Handle}")).Body!.TextContent.Contains("After the edit", StringComparison.Ordinal));
        await WaitForAsync(async () => (await reader.GetPageAsync($"/{blog.Handle}/search?q=zanzibarish")).QuerySelectorAll($"a[href='{path}']").Length > 0);
    }

    [ManyNodesFact]
    public async Task Two_nodes_racing_to_mail_a_new_post_to_its_subscribers_claim_it_once_and_neither_fails()
    {
        var database = await TestDatabase.CreateAsync();
        await using var mail = TestMailServer.Start();
        // No poll of their own during the test: the test runs both nodes' passes at the same moment, twice each.
        var settings = mail.Settings;
        settings["Subscriptions:PollInterval"] = "01:00:00";
        await using var first = new QalamApp(database, settings: settings);
        await using var second = new QalamApp(database, settings: settings);
        var blog = await first.Seed.BlogAsync("en");
        var posts = new List<Post>();
        for (var i = 0; i < 10; i++)
        {
            posts.Add(await first.Seed.PostAsync(blog, $"News {i}", publishedAt: first.Time.GetUtcNow().UtcDateTime));
        }

        async Task PassAsync(QalamApp node)
        {
            await using var scope = node.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<Qalam.Subscriptions.SubscriberMailer>().RunOnceAsync(CancellationToken.None);
        }
        await Task.WhenAll(PassAsync(first), PassAsync(second), PassAsync(first), PassAsync(second));

        await using var check = first.Services.CreateAsyncScope();
        var keys = await check.ServiceProvider.GetRequiredService<QalamDb>().Set<Qalam.Subscriptions.SubscriberMailing>()
            .Select(m => m.Key).ToListAsync();
        Assert.Equal(posts.Select(p => $"post:{p.Id}").Order(), keys.Order());
    }

    // Comments from one reader, sent to the nodes in turn, each through the node's own post page and form stamp.
    private static async Task<List<HttpStatusCode>> CommentThroughAsync(QalamApp[] nodes, Blog blog, Post post, int count)
    {
        var path = Seed.PathOf(blog, post);
        var readers = nodes.Select(n => n.Reader()).ToArray();
        var stamps = new List<string>();
        foreach (var reader in readers)
        {
            stamps.Add((await reader.GetPageAsync(path)).QuerySelector("input[name='Form.Stamp']")!.GetAttribute("value")!);
        }
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            using var response = await readers[i % nodes.Length].PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Form.Name"] = "One reader",
                ["Form.Body"] = $"Comment {i}",
                ["Form.Stamp"] = stamps[i % nodes.Length],
            }));
            answers.Add(response.StatusCode);
        }
        return answers;
    }

    private static async Task<int> CountCommentsAsync(QalamApp app, int postId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<QalamDb>().Comments.CountAsync(c => c.PostId == postId);
    }

    // Polls for up to ten seconds of real time; the figure that matters (milliseconds) is measured by bench/soak.
    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, "The other node still served what it had before the edit.");
            await Task.Delay(50);
        }
    }
}
