using System.Data.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using System.Globalization;
using Npgsql;
using Qalam.Blogs;
using Qalam.Comments;
using Qalam.Storage;
using Qalam.Http;

namespace Qalam.Tests.Http;

// A reader whose page is asked for while the database closes its connections (a restart) gets the page, not an error.
public sealed class TransientRetryTests
{
    [PostgresFact]
    public async Task A_page_read_just_after_the_database_closed_every_connection_is_answered_not_failed()
    {
        var database = await TestDatabase.CreateAsync();
        await using var app = new QalamApp(database);
        var blog = await app.Seed.BlogAsync("en");
        var post = await app.Seed.PostAsync(blog, "Still here");
        var reader = app.Reader();
        // The site's pool now holds open connections.
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/{blog.Handle}/archive")).StatusCode);

        // What a restart does to them: the server ends every connection to this database.
        await EndEveryConnectionAsync(database);

        using var response = await reader.GetAsync($"/{blog.Handle}/posts/{post.Slug}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Still here", await response.Content.ReadAsStringAsync());
    }

    [PostgresFact]
    public async Task A_comment_sent_just_after_the_database_closed_every_connection_is_stored_once_or_refused_with_503_to_send_again()
    {
        var database = await TestDatabase.CreateAsync();
        await using var app = new QalamApp(database);
        var blog = await app.Seed.BlogAsync("en", CommentPolicy.Open);
        var post = await app.Seed.PostAsync(blog, "Open to comments");
        var reader = app.Reader();
        var path = Seed.PathOf(blog, post);
        var stamp = (await reader.GetPageAsync(path)).QuerySelector("input[name='Form.Stamp']")!.GetAttribute("value")!;
        var form = new Dictionary<string, string> { ["Form.Name"] = "A reader", ["Form.Body"] = "Sent twice, stored once", ["Form.Stamp"] = stamp };

        await EndEveryConnectionAsync(database);
        // The pool may hand the write a connection it opened afresh (then it is simply accepted); when the write meets
        // an ended one, the reader is told to send it again, and nothing of it was stored.
        using var first = await reader.PostAsync(path, new FormUrlEncodedContent(form));
        Assert.True(first.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.ServiceUnavailable, first.StatusCode.ToString());
        if (first.StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            Assert.Equal(TimeSpan.FromSeconds(TransientRetry.RetryAfterSeconds), first.Headers.RetryAfter?.Delta);
            Assert.Contains("send it again", await first.Content.ReadAsStringAsync());
            using var again = await reader.PostAsync(path, new FormUrlEncodedContent(form));
            Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        }
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<QalamDb>().Comments.CountAsync(c => c.PostId == post.Id));
    }

    private static async Task EndEveryConnectionAsync(TestDatabase database)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var terminate = new NpgsqlCommand(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()", connection);
        Assert.True((long)(await terminate.ExecuteScalarAsync())! > 0);
    }

    [Fact]
    public async Task A_reading_request_is_answered_again_after_a_transient_database_failure()
    {
        var (context, attempts) = (Context("GET"), 0);
        await TransientRetry.RunAsync(context, async c =>
        {
            attempts++;
            c.Response.Headers["X-Attempt"] = attempts.ToString(CultureInfo.InvariantCulture);
            if (attempts < 3)
            {
                c.Response.StatusCode = 500;
                throw new Failure(transient: true);
            }
            await c.Response.WriteAsync("page");
        }, Immediate());

        Assert.Equal(3, attempts);
        Assert.Equal(200, context.Response.StatusCode);
        Assert.Equal("3", context.Response.Headers["X-Attempt"]);
    }

    // A form is not run again (part of it may be saved); a page read is, three times, before the same answer.
    [Theory]
    [InlineData("POST", 1)]
    [InlineData("GET", 4)]
    public async Task A_request_meeting_the_database_away_for_good_gets_503_with_a_time_to_come_back(string method, int expectedAttempts)
    {
        var (context, attempts) = (Context(method), 0);
        await TransientRetry.RunAsync(context, _ =>
        {
            attempts++;
            throw new Failure(transient: true);
        }, Immediate());

        Assert.Equal(expectedAttempts, attempts);
        Assert.Equal(503, context.Response.StatusCode);
        Assert.Equal("5", context.Response.Headers.RetryAfter);
    }

    [Fact]
    public async Task Lasting_failures_and_answers_already_begun_are_not_run_again()
    {
        foreach (var (method, transient, started) in new[] { ("POST", false, false), ("GET", false, false), ("GET", true, true) })
        {
            var (context, attempts) = (Context(method), 0);
            await Assert.ThrowsAsync<Failure>(() => TransientRetry.RunAsync(context, async c =>
            {
                attempts++;
                if (started)
                {
                    c.Features.Set<IHttpResponseFeature>(new BegunResponse());
                }
                await Task.Yield();
                throw new Failure(transient);
            }, Immediate()));
            Assert.Equal(1, attempts);
        }
    }

    private static DefaultHttpContext Context(string method)
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().BuildServiceProvider() };
        context.Request.Method = method;
        context.Response.Body = new MemoryStream();
        return context;
    }

    // The waits between attempts pass at once.
    private static Func<TimeSpan, CancellationToken, Task> Immediate() => (_, _) => Task.CompletedTask;

    private sealed class BegunResponse : HttpResponseFeature
    {
        public override bool HasStarted => true;
    }

    private sealed class Failure(bool transient) : DbException("the database went away")
    {
        public override bool IsTransient => transient;
    }
}
