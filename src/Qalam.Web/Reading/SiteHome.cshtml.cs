using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Caching.Memory;
using Qalam.Localization;
using Qalam.Shared;
using Qalam.Signup;
using Qalam.Storage;

namespace Qalam.Reading;

// The install's front page: what the service is and the way in (create a blog, sign in), the newest posts across its blogs, and its blogs, which readers can narrow by name and
// language. In the reader's language (Accept-Language or ?culture=).
public sealed class SiteHomeModel(SiteDirectory blogs, Signups signups, IMemoryCache cache, TimeProvider time) : PageModel
{
    // The lists read across every blog (a full scan of their newest posts); readers of the front page share them for
    // a few seconds.
    private static readonly TimeSpan Shared = TimeSpan.FromSeconds(10);

    public const int RecentCount = 12;

    public IReadOnlyList<BlogSummary> Blogs { get; private set; } = [];
    public IReadOnlyList<RecentPost> Recent { get; private set; } = [];
    public int Total { get; private set; }
    public int PageNumber { get; private set; } = 1;
    public string? Words { get; private set; }
    public string? Language { get; private set; }
    public bool Filtered => !string.IsNullOrWhiteSpace(Words) || Language is not null;
    public Pager Pager => new(PageNumber, PageOfRows.Count(Total, SiteDirectory.PageSize), PageLink, Text["Site.Blogs"], Text["Site.PreviousBlogs"], Text["Site.MoreBlogs"]);

    public UiText Text { get; private set; } = UiText.English;

    // "Create your blog" is offered only when a visitor could do it.
    public bool SignupOpen { get; private set; }

    // "page" names the Razor page in route values, so the query's page number is bound by name from the query string.
    public async Task OnGetAsync(string? q, string? lang, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "page")] int? page, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        Words = q?.Trim() is { Length: > 0 and <= 100 } words ? words : null;
        Language = lang is Languages.Persian or Languages.English ? lang : null;
        PageNumber = Math.Clamp(page ?? 1, 1, 100_000);
        var listing = await cache.GetOrCreateAsync((typeof(SiteHomeModel), Words, Language, PageNumber), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Shared;
            entry.Size = 1;
            var (found, total) = await blogs.FindAsync(Words, Language, PageNumber, now, cancellationToken);
            var recent = !Filtered && PageNumber == 1 ? await blogs.RecentPostsAsync(RecentCount, now, cancellationToken) : [];
            // Shared with the lists rather than read per view: the operator's choice reaches the page within seconds.
            var signupOpen = await signups.IsOpenAsync(cancellationToken);
            return (found, total, recent, signupOpen);
        });
        (Blogs, Total, Recent, SignupOpen) = listing;
        var language = PageChrome.ReaderLanguage();
        Text = UiText.For(language);
        new PageChrome(language, Text["Site.Name"], Description: Text["Site.Tagline"]) { NoIndex = Filtered }.ApplyTo(ViewData);
    }

    public string PageLink(int number) => "/" + Pager.Query(number, ("q", Words), ("lang", Language));
}
