using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qalam.Blogs;
using Qalam.Posts;
using Qalam.Shared;

namespace Qalam.Reading;

[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = ReadingFeature.ListingCache)]
public sealed class BlogHomeModel(BlogDirectory blogs, PostReader posts, BlogAddresses addresses, TimeProvider time) : PageModel
{
    public PostListing Listing { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string blog, int number = 1, CancellationToken cancellationToken = default)
    {
        var found = await blogs.FindAsync(blog, cancellationToken);
        if (found is null || number < 1)
        {
            return NotFound();
        }
        var result = await posts.PageAsync(found.Id, null, number, time.GetUtcNow().UtcDateTime, cancellationToken);
        if (number > result.PageCount)
        {
            return NotFound();
        }
        Listing = new PostListing(found, result, addresses.Root(found.Handle));
        new PageChrome(found.Language, found.Title, found, found.Description)
        {
            Canonical = SiteAddress.From(Request).Blog(found.Handle) + (number > 1 ? $"/page/{number}" : ""),
        }.ApplyTo(ViewData);
        return Page();
    }
}
