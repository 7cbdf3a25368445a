using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qalam.Blogs;
using Qalam.Localization;
using Qalam.Posts;
using Qalam.Shared;

namespace Qalam.Reading;

[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = ReadingFeature.ListingCache)]
public sealed class TagPageModel(BlogDirectory blogs, PostReader posts, BlogAddresses addresses, TimeProvider time) : PageModel
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
        Listing = new PostListing(found, result, addresses.Tag(found.Handle, tagLink.Slug));
        Heading = UiText.For(found.Language)["Tag.Heading", tagLink.Name];
        var text = UiText.For(found.Language);
        new PageChrome(found.Language, Heading, found)
        {
            Canonical = addresses.Site().Absolute(Listing.PageUrl(number)),
            MoreFeeds =
            [
                new FeedLink(PostPaths.MediaType(FeedFormat.Rss), $"{Heading} — {text["Feed.TagRss"]}", addresses.TagFeed(found.Handle, tagLink.Slug, FeedFormat.Rss)),
                new FeedLink(PostPaths.MediaType(FeedFormat.Atom), $"{Heading} — {text["Feed.TagAtom"]}", addresses.TagFeed(found.Handle, tagLink.Slug, FeedFormat.Atom)),
            ],
        }.ApplyTo(ViewData);
        return Page();
    }
}
