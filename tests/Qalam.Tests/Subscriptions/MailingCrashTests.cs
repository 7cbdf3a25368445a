using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Qalam.Storage;
using Qalam.Subscriptions;
using Xunit.Abstractions;

namespace Qalam.Tests.Subscriptions;

// Two real Qalam processes on one database, one after the other: the first is killed (SIGKILL) in the middle of
// sending a post to its subscribers, the second finishes the send. What arrives at the SMTP server is counted.
public sealed class MailingCrashTests(ITestOutputHelper output)
{
    private const int Readers = 300;

    [Fact]
    public async Task A_node_killed_in_the_middle_of_a_send_loses_nobody_and_duplicates_nothing()
    {
        await using var mail = TestMailServer.Start();
        await using var database = await TestDatabase.CreateAsync();
        // Seeded on the machine's clock (the nodes run on it), by an app without mail, whose mailer stays idle.
        await using (var app = new QalamApp(database, time: new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(-2))))
        {
            var blog = await app.Seed.BlogAsync("en");
            using var scope = app.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<QalamDb>();
            var now = app.Time.GetUtcNow().UtcDateTime;
            for (var i = 0; i < Readers; i++)
            {
                var subscriber = new Subscriber(blog.Id, $"r{i}@example.com", SubscriberMode.EachPost, SubscriberDirectory.NewToken(), SubscriberSource.Form, now);
                subscriber.Confirm(now);
                db.Subscribers.Add(subscriber);
            }
            await db.SaveChangesAsync();
            await app.Seed.PostAsync(blog, "To every reader", publishedAt: now);
        }
        var settings = mail.Settings;
        settings["Subscriptions:PollInterval"] = "00:00:00.200";
        settings["Subscriptions:Batch"] = "25";
        settings["Mail:MaxPerMinute"] = "1200";
        // The message the killed node held goes to the other after this.
        settings["Mail:ClaimFor"] = "00:00:10";

        var first = StartNode(database, settings);
        await WaitAsync(() => mail.Messages.Count >= 60, first);
        first.Kill(entireProcessTree: true);
        await first.WaitForExitAsync();
        var atKill = mail.Messages.Count;
        var second = StartNode(database, settings);
        try
        {
            await WaitAsync(() => Recipients(mail) == Readers, second);
            await Task.Delay(2000);
        }
        finally
        {
            second.Kill(entireProcessTree: true);
            await second.WaitForExitAsync();
        }

        var messages = mail.Messages;
        output.WriteLine($"{atKill} messages had arrived when the first node was killed; {messages.Count} arrived in all, for {Recipients(mail)} readers.");
        Assert.InRange(atKill, 60, Readers - 1);
        Assert.Equal(Readers, Recipients(mail));
        // The one thing no database can close: a message the server took in the instant before the node died could go
        // again, with the same Message-Id. It did not happen more than once, and every Message-Id is a reader's.
        Assert.InRange(messages.Count, Readers, Readers + 1);
        Assert.Equal(Readers, messages.Select(m => m.MessageId).Distinct().Count());
    }

    private static int Recipients(TestMailServer mail) => mail.Messages.SelectMany(m => m.To.Mailboxes).Select(b => b.Address).Distinct().Count();

    private static async Task WaitAsync(Func<bool> done, Process node)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!done())
        {
            Assert.False(node.HasExited, "The node stopped by itself.");
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for the mail.");
            await Task.Delay(50);
        }
    }

    private static Process StartNode(TestDatabase database, Dictionary<string, string> settings) =>
        QalamProcess.StartSite(database, ServedApp.FreePort(), settings);
}
