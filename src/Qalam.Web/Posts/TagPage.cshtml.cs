using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qalam.Blogs;
using Qalam.Localization;
using Qalam.Shared;

namespace Qalam.Posts;

public sealed class TagPageModel(BlogDirectory blogs, PostReader posts, TimeProvider time) : PageModel
{
    public PostListing Listing { get; private set; } = null!;

    public string Heading { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string blog, string tag, int number = 1, CancellationToken cancellationToken = default)
    {
        var found = await blogs.FindAsync(blog, cancellationToken);
        if (found is null || number < 1)
        {
            return NotFound();
        }
        var tagLink = await posts.FindTagAsync(found.Id, tag, cancellationToken);
        if (tagLink is null)
        {
            return NotFound();
        }
        var result = await posts.PageAsync(found.Id, tagLink.Slug, number, time.GetUtcNow().UtcDateTime, cancellationToken);
        if (number > result.PageCount)
        {
            return NotFound();
        }
        Listing = new PostListing(found, result, $"/{found.Handle}/tags/{Uri.EscapeDataString(tagLink.Slug)}");
        Heading = UiText.For(found.Language)["Tag.Heading", tagLink.Name];
        new PageChrome(found.Language, Heading, found).ApplyTo(ViewData);
        return Page();
    }
}
