using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qalam.Posts;
using Qalam.Storage;

namespace Qalam.Tests.Reading;

// The post page is served from a copy for readers who are not signed in; these tests prove that a reader cannot
// tell, except by speed.
public sealed class PostPageCacheTests : WithOwnApp
{
    // A long lifetime on the test's clock, so a copy is kept for as long as a test needs it.
    protected override IReadOnlyDictionary<string, string> Settings() =>
        new Dictionary<string, string> { ["Posts:PageCacheLifetime"] = "00:01:00" };

    private async Task<string> PageAsync(string path, string userAgent = Browsers.Firefox)
    {
        using var response = await App.Reader(userAgent).GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        return await response.Content.ReadAsStringAsync();
    }

    private static string VisitsOf(string html) => Html.Parse(html).QuerySelector(".visits").Text();

    private static string StampOf(string html) => Html.Parse(html).QuerySelector("input[name='Form.Stamp']")!.GetAttribute("value")!;

    // What another node does: a write this node's process never saw.
    private async Task RetitleElsewhereAsync(int postId, string title)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QalamDb>();
        await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE posts SET title = {title} WHERE id = {postId}");
    }

    [Fact]
    public async Task Every_reader_of_a_kept_page_is_counted_and_sees_their_own_visit()
    {
        var blog = await App.Seed.BlogAsync("fa");
        var post = await App.Seed.PostAsync(blog, "نسخه");
        var path = Seed.PathOf(blog, post);

        var pages = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            pages.Add(await PageAsync(path, Browsers.Distinct(i)));
        }
        var reload = await PageAsync(path, Browsers.Distinct(4));
        var robot = await PageAsync(path, Browsers.Googlebot);

        Assert.Equal(["۱ بازدید", "۲ بازدید", "۳ بازدید", "۴ بازدید", "۵ بازدید"], pages.Select(VisitsOf));
        Assert.Equal("۵ بازدید", VisitsOf(reload));
        Assert.Equal("۵ بازدید", VisitsOf(robot));
        // Apart from the count and the comment form's time stamp, every reader got the very same page; the stamp is
        // made anew each second (the test's clock stood still), not kept with the copy.
        var stamps = pages.Append(reload).Select(StampOf).ToList();
        App.Time.Advance(TimeSpan.FromSeconds(1));
        var later = StampOf(await PageAsync(path, Browsers.Distinct(9)));
        Assert.DoesNotContain(later, stamps);
        Assert.Single(pages.Append(reload).Select(p => p.Replace(VisitsOf(p), "", StringComparison.Ordinal).Replace(StampOf(p), "", StringComparison.Ordinal)).Distinct());
    }

    [Fact]
    public async Task A_kept_page_counts_on_exactly_after_its_visits_are_written()
    {
        var blog = await App.Seed.BlogAsync("en");
        var post = await App.Seed.PostAsync(blog, "Kept");
        var path = Seed.PathOf(blog, post);
        for (var i = 0; i < 3; i++)
        {
            await PageAsync(path, Browsers.Distinct(i));
        }

        await App.Services.GetRequiredService<Qalam.Visits.VisitFlusher>().FlushAsync(CancellationToken.None);
        await RetitleElsewhereAsync(post.Id, "Proof that the page was not rendered again");
        var page = await PageAsync(path, Browsers.Distinct(3));
        var reload = await PageAsync(path, Browsers.Distinct(0));

        Assert.Equal("Kept", Html.Parse(page).QuerySelector("h1").Text());
        Assert.Equal("4 visits", VisitsOf(page));
        Assert.Equal("4 visits", VisitsOf(reload));
        await using var scope = App.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<QalamDb>().Posts
            .Where(p => p.Id == post.Id).Select(p => p.VisitCount).SingleAsync();
        Assert.Equal(3, stored);
    }

    [Fact]
    public async Task A_page_is_kept_until_it_changes_here_or_its_lifetime_ends()
    {
        var blog = await App.Seed.BlogAsync("en");
        var post = await App.Seed.PostAsync(blog, "First title");
        var path = Seed.PathOf(blog, post);
        await PageAsync(path);

        // Changed behind this node's back: the kept copy is still served...
        await RetitleElsewhereAsync(post.Id, "Second title");
        Assert.Equal("First title", Html.Parse(await PageAsync(path)).QuerySelector("h1").Text());

        // ...until its lifetime ends.
        App.Time.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal("Second title", Html.Parse(await PageAsync(path)).QuerySelector("h1").Text());

        // A change saved on this node shows at once, whatever the lifetime.
        await App.Seed.CommentAsync(post, "Ann", "Seen at once.");
        var page = Html.Parse(await PageAsync(path));
        Assert.Equal("Seen at once.", page.QuerySelector(".comment-body").Text());
        Assert.Equal("1 comment", page.QuerySelector(".comment-count").Text());
    }

    [Fact]
    public async Task Signed_in_people_always_get_a_fresh_page()
    {
        var blog = await App.Seed.BlogAsync("en");
        var post = await App.Seed.PostAsync(blog, "Before");
        var path = Seed.PathOf(blog, post);
        var writer = await App.SignedInAsync(await App.Seed.UserAsync(Qalam.Storage.InstallRole.Owner));
        await PageAsync(path);

        await RetitleElsewhereAsync(post.Id, "After");

        Assert.Equal("Before", Html.Parse(await PageAsync(path)).QuerySelector("h1").Text());
        Assert.Equal("After", (await writer.GetPageAsync(path)).QuerySelector("h1").Text());
    }
}
