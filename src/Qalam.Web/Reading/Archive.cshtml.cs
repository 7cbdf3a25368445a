using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qalam.Blogs;
using Qalam.Localization;
using Qalam.Posts;
using Qalam.Shared;

namespace Qalam.Reading;

public sealed record ArchiveMonthLink(int Year, int Month, int Count);

public sealed record ArchiveYear(int Year, int Count, List<ArchiveMonthLink> Months);

// The blog's archive: its years and months with their post counts, newest first, in the blog's calendar and time zone
// (Jalali years, month names and Persian digits for a Persian-calendar blog).
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = ReadingFeature.ListingCache)]
public sealed class ArchiveModel(BlogDirectory blogs, PostReader posts, BlogAddresses addresses, TimeProvider time) : PageModel
{
    public BlogView Blog { get; private set; } = null!;

    public List<ArchiveYear> Years { get; private set; } = [];

    public BlogAddresses Addresses => addresses;

    public async Task<IActionResult> OnGetAsync(string blog, CancellationToken cancellationToken)
    {
        if (await blogs.FindAsync(blog, cancellationToken) is not { } found)
        {
            return NotFound();
        }
        Blog = found;
        var times = await posts.PublishedTimesAsync(found.Id, time.GetUtcNow().UtcDateTime, cancellationToken);
        // Newest first in, newest first out: months follow each other in the order the times come.
        Years = [.. times.Select(t => BlogDates.MonthOf(t, found))
            .GroupBy(m => m)
            .Select(g => new ArchiveMonthLink(g.Key.Year, g.Key.Month, g.Count()))
            .GroupBy(m => m.Year)
            .Select(g => new ArchiveYear(g.Key, g.Sum(m => m.Count), [.. g]))];
        var text = UiText.For(found.Language);
        new PageChrome(found.Language, text["Archive.Heading"], found)
        {
            Canonical = addresses.Site().Absolute(addresses.Archive(found.Handle)),
        }.ApplyTo(ViewData);
        return Page();
    }
}
