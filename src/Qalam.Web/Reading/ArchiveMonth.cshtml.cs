using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qalam.Blogs;
using Qalam.Localization;
using Qalam.Posts;
using Qalam.Shared;

namespace Qalam.Reading;

// The posts of one month of the blog's calendar (/{blog}/archive/1405/09 is Azar 1405 on a Jalali blog), paged like
// the home.
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = ReadingFeature.ListingCache)]
public sealed class ArchiveMonthModel(BlogDirectory blogs, PostReader posts, BlogAddresses addresses, TimeProvider time) : PageModel
{
    public PostListing Listing { get; private set; } = null!;

    public string Heading { get; private set; } = "";

    public string ArchivePath { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string blog, int year, int month, int number = 1, CancellationToken cancellationToken = default)
    {
        if (await blogs.FindAsync(blog, cancellationToken) is not { } found || number < 1 || BlogDates.MonthRange(year, month, found) is not { } range)
        {
            return NotFound();
        }
        var result = await posts.PageAsync(found.Id, null, number, time.GetUtcNow().UtcDateTime, cancellationToken, range);
        if (number > result.PageCount)
        {
            return NotFound();
        }
        var path = addresses.ArchiveMonth(found.Handle, year, month);
        Listing = new PostListing(found, result, path);
        ArchivePath = addresses.Archive(found.Handle);
        Heading = UiText.For(found.Language)["Archive.Month", BlogDates.MonthName(year, month, found)];
        new PageChrome(found.Language, Heading, found)
        {
            Canonical = addresses.Site().Absolute(Listing.PageUrl(number)),
        }.ApplyTo(ViewData);
        return Page();
    }
}
