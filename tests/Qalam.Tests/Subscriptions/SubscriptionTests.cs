using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Qalam.Storage;
using Qalam.Subscriptions;

namespace Qalam.Tests.Subscriptions;

// A reader follows a blog by email: double opt-in, each new post once (HTML and text, one-click unsubscribe), or a
// weekly digest; the same answer for every address; never a post the writer kept quiet, an import or a back-dated one.
public sealed partial class SubscriptionTests : WithOwnAppAndMail
{
    protected override void AddSettings(Dictionary<string, string> settings)
    {
        settings["Subscriptions:PollInterval"] = "00:00:00.200";
        settings["Mail:MaxPerMinute"] = "0";
    }

    [Fact]
    public async Task A_reader_confirms_gets_each_new_post_once_and_leaves_with_one_click()
    {
        var (blog, owner) = await App.Seed.BlogWithOwnerAsync("fa");
        var api = App.Reader().WithToken(await App.Seed.TokenAsync(owner));
        var reader = App.Reader();

        var home = await reader.GetPageAsync($"/{blog.Handle}");
        Assert.NotNull(home.QuerySelector($".subscribe-box form[action='/{blog.Handle}/subscribe']"));
        var answer = await reader.PostAsync($"/{blog.Handle}/subscribe", Form(("Email", "Reader@Example.com"), ("Mode", "each")));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("تأیید", Html.Parse(await answer.Content.ReadAsStringAsync()).QuerySelector("main .notice").Text(), StringComparison.Ordinal);

        var confirmation = (await Mail.WaitForAsync("reader@example.com")).Single();
        Assert.Contains(blog.Title, confirmation.Subject, StringComparison.Ordinal);
        var link = Link().Match(confirmation.TextBody!).Value;
        Assert.StartsWith($"http://localhost/{blog.Handle}/subscription/", link, StringComparison.Ordinal);
        Assert.Contains("dir=\"rtl\"", confirmation.HtmlBody, StringComparison.Ordinal);

        // Nothing goes to an address that has not confirmed.
        await PublishAsync(api, blog.Handle, "پیش از تأیید");
        await Task.Delay(1000);
        Assert.Single(Mail.To("reader@example.com"));

        var path = new Uri(link).PathAndQuery;
        var page = await reader.GetPageAsync(path);
        Assert.NotNull(page.QuerySelector("button[value=confirm]"));
        var confirmed = await reader.PostAsync(path, Form(("action", "confirm")));
        Assert.Contains("تأیید شد", await confirmed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var post = await PublishAsync(api, blog.Handle, "نامه‌ای دربارهٔ Hafez");
        var mails = await Mail.WaitForAsync("reader@example.com", 2);
        var mailed = mails[^1];
        Assert.Equal("نامه‌ای دربارهٔ Hafez", mailed.Subject);
        Assert.Contains($"http://localhost/{blog.Handle}/posts/", mailed.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("lang=\"fa\" dir=\"rtl\"", mailed.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("نامه‌ای دربارهٔ Hafez", mailed.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("{{unsubscribe}}", mailed.HtmlBody + mailed.TextBody, StringComparison.Ordinal);
        var unsubscribe = mailed.Headers[HeaderId.ListUnsubscribe]!.Trim('<', '>');
        Assert.Equal(link, unsubscribe);
        Assert.Equal("List-Unsubscribe=One-Click", mailed.Headers["List-Unsubscribe-Post"]);

        // Quiet posts, back-dated posts and a second look at the same post mail nobody.
        await PublishAsync(api, blog.Handle, "بی‌صدا", mail: false);
        await api.PostJsonAsync($"/api/v1/blogs/{blog.Handle}/posts", new { title = "از گذشته", status = "published", publishedAt = App.Time.GetUtcNow().UtcDateTime.AddDays(-30) });
        await api.PutJsonAsync($"/api/v1/blogs/{blog.Handle}/posts/{post}", new { body = "ویرایش پس از انتشار." });
        await Task.Delay(1500);
        Assert.Equal(2, Mail.To("reader@example.com").Count);

        // One-click unsubscribe, as a mail program sends it: no cookie, no token but the address.
        var oneClick = await App.Reader().PostAsync(unsubscribe, Form(("List-Unsubscribe", "One-Click")));
        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        await PublishAsync(api, blog.Handle, "پس از رفتن");
        await Task.Delay(1500);
        Assert.Equal(2, Mail.To("reader@example.com").Count);
        using var scope = App.Services.CreateScope();
        var row = await scope.ServiceProvider.GetRequiredService<QalamDb>().Subscribers.AsNoTracking().SingleAsync(s => s.BlogId == blog.Id);
        Assert.NotNull(row.UnsubscribedAt);
    }

    [Fact]
    public async Task Subscribing_answers_alike_for_every_address_mails_a_subscriber_nothing_new_and_is_limited()
    {
        var blog = await App.Seed.BlogAsync("en");
        var reader = App.Reader();
        await reader.PostAsync($"/{blog.Handle}/subscribe", Form(("Email", "known@example.com")));
        var link = Link().Match((await Mail.WaitForAsync("known@example.com")).Single().TextBody!).Value;
        await reader.PostAsync(new Uri(link).PathAndQuery, Form(("action", "confirm")));

        var known = await (await reader.PostAsync($"/{blog.Handle}/subscribe", Form(("Email", "known@example.com")))).Content.ReadAsStringAsync();
        var unknown = await (await reader.PostAsync($"/{blog.Handle}/subscribe", Form(("Email", "new@example.com")))).Content.ReadAsStringAsync();
        var invalid = await reader.PostAsync($"/{blog.Handle}/subscribe", Form(("Email", "not an address")));
        var crossSite = new HttpRequestMessage(HttpMethod.Post, $"/{blog.Handle}/subscribe") { Content = Form(("Email", "victim@example.com")) };
        crossSite.Headers.Add("Sec-Fetch-Site", "cross-site");

        Assert.Equal(Html.Parse(known).QuerySelector("main").Text(), Html.Parse(unknown).QuerySelector("main").Text());
        await Mail.WaitForAsync("new@example.com");
        await Task.Delay(500);
        Assert.Single(Mail.To("known@example.com"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await reader.SendAsync(crossSite)).StatusCode);
        // One sender may ask ten times in a quarter of an hour (four were used above).
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            statuses.Add((await reader.PostAsync($"/{blog.Handle}/subscribe", Form(("Email", $"n{i}@example.com")))).StatusCode);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        // Nobody learns anything from a made-up token.
        var made = await reader.GetPageAsync($"/{blog.Handle}/subscription/{new string('a', 43)}");
        Assert.Null(made.QuerySelector("form"));
    }

    [Fact]
    public async Task Weekly_subscribers_get_one_digest_of_the_weeks_posts_after_the_week_ends()
    {
        var (blog, owner) = await App.Seed.BlogWithOwnerAsync("en");
        var api = App.Reader().WithToken(await App.Seed.TokenAsync(owner));
        var reader = App.Reader();
        await reader.PostAsync($"/{blog.Handle}/subscribe", Form(("Email", "weekly@example.com"), ("Mode", "weekly")));
        var link = Link().Match((await Mail.WaitForAsync("weekly@example.com")).Single().TextBody!).Value;
        await reader.PostAsync(new Uri(link).PathAndQuery, Form(("action", "confirm")));
        await PublishAsync(api, blog.Handle, "Monday thoughts");
        await PublishAsync(api, blog.Handle, "A note on Khayyam");
        await Task.Delay(1000);
        Assert.Single(Mail.To("weekly@example.com"));

        var now = App.Time.GetUtcNow();
        App.Time.SetUtcNow(now.Date.AddDays(7 - (((int)now.DayOfWeek + 6) % 7)).AddHours(1));
        var digest = (await Mail.WaitForAsync("weekly@example.com", 2))[^1];
        await Task.Delay(1000);

        Assert.Equal($"{blog.Title}: this week's posts", digest.Subject);
        Assert.Contains("Monday thoughts", digest.TextBody, StringComparison.Ordinal);
        Assert.Contains("A note on Khayyam", digest.HtmlBody, StringComparison.Ordinal);
        Assert.Equal(2, Mail.To("weekly@example.com").Count);
    }

    [Fact]
    public async Task The_owner_sees_counts_exports_and_imports_without_subscribing_anyone_who_did_not_opt_in()
    {
        var (blog, owner, client) = await App.BlogWithPersonAsync("en");
        var editor = await App.Seed.UserAsync();
        await App.Seed.GrantAsync(blog, editor, Qalam.Accounts.BlogRole.Editor);
        var reader = App.Reader();
        await reader.PostAsync($"/{blog.Handle}/subscribe", Form(("Email", "left@example.com")));
        var link = Link().Match((await Mail.WaitForAsync("left@example.com")).Single().TextBody!).Value;
        await reader.PostAsync(new Uri(link).PathAndQuery, Form(("action", "confirm")));
        await reader.PostAsync(new Uri(link).PathAndQuery, Form(("action", "unsubscribe")));

        var page = await client.GetPageAsync($"/admin/{blog.Handle}/subscribers");
        var csv = "email,mode\nasked@example.com,weekly\nleft@example.com,each\n=cmd|' /C calc'!A0@x.com,each\nnot-an-address\n";
        using var form = new MultipartFormDataContent
        {
            { new StringContent(page.QuerySelector("form[enctype] input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
            { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csv)), "file", "list.csv" },
        };
        var imported = Html.Parse(await (await client.PostAsync($"/admin/{blog.Handle}/subscribers?handler=Import", form)).Content.ReadAsStringAsync());

        Assert.Contains("1 added", imported.QuerySelector(".notice").Text(), StringComparison.Ordinal);
        Assert.Contains("1 left before", imported.QuerySelector(".notice").Text(), StringComparison.Ordinal);
        // The imported address is asked to confirm; the one that left hears nothing.
        await Mail.WaitForAsync("asked@example.com");
        Assert.Single(Mail.To("left@example.com"));
        var export = await client.GetStringAsync($"/admin/{blog.Handle}/subscribers?handler=Export");
        Assert.StartsWith("email,mode,status,created,confirmed,left\n", export, StringComparison.Ordinal);
        Assert.Contains("asked@example.com,weekly,pending,", export, StringComparison.Ordinal);
        Assert.Contains("left@example.com,each,left,", export, StringComparison.Ordinal);
        Assert.Contains("Subscribed now", page.QuerySelector("main").Text(), StringComparison.Ordinal);
        // Addresses are the owners' only.
        var editorClient = await App.SignedInAsync(editor);
        Assert.Equal(HttpStatusCode.Forbidden, (await editorClient.GetAsync($"/admin/{blog.Handle}/subscribers")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await editorClient.GetAsync($"/admin/{blog.Handle}/subscribers?handler=Export")).StatusCode);
        var stats = await client.GetPageAsync($"/admin/{blog.Handle}/stats");
        Assert.NotNull(stats.QuerySelector("#subscribers-heading"));
    }

    private static async Task<int> PublishAsync(HttpClient api, string handle, string title, bool mail = true)
    {
        var created = await (await api.PostJsonAsync($"/api/v1/blogs/{handle}/posts",
            new { title, body = "متن نوشته با **Markdown** و ![نگاره](/media/x.png).", status = "published", mailToSubscribers = mail })).JsonAsync(HttpStatusCode.Created);
        return created.GetProperty("id").GetInt32();
    }

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    [GeneratedRegex(@"http://localhost/\S+/subscription/[A-Za-z0-9_-]+")]
    private static partial Regex Link();
}
