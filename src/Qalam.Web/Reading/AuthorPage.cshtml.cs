using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qalam.Blogs;
using Qalam.Localization;
using Qalam.Posts;
using Qalam.Shared;

namespace Qalam.Reading;

// A person's public posts in one blog, with their name, a few lines about them and their feeds; the byline of each of
// their posts links here.
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = ReadingFeature.ListingCache)]
public sealed class AuthorPageModel(BlogDirectory blogs, PostReader posts, BlogAddresses addresses, TimeProvider time) : PageModel
{
    public PostListing Listing { get; private set; } = null!;

    public AuthorView Author { get; private set; } = null!;

    public string Heading { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string blog, string id, int number = 1, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (await blogs.FindAsync(blog, cancellationToken) is not { } found || number < 1
            || await posts.FindAuthorAsync(found.Id, id, now, cancellationToken) is not { } author)
        {
            return NotFound();
        }
        var result = await posts.PageAsync(found.Id, null, number, now, cancellationToken, authorId: author.Id);
        if (number > result.PageCount)
        {
            return NotFound();
        }
        Author = author;
        var path = addresses.Author(found.Handle, author.Id);
        Listing = new PostListing(found, result, path);
        var text = UiText.For(found.Language);
        Heading = text["Author.Heading", author.Name];
        new PageChrome(found.Language, Heading, found)
        {
            Canonical = addresses.Site().Absolute(Listing.PageUrl(number)),
            MoreFeeds =
            [
                new FeedLink(PostPaths.MediaType(FeedFormat.Rss), $"{Heading} — {text["Feed.AuthorRss"]}", addresses.AuthorFeed(found.Handle, author.Id, FeedFormat.Rss)),
                new FeedLink(PostPaths.MediaType(FeedFormat.Atom), $"{Heading} — {text["Feed.AuthorAtom"]}", addresses.AuthorFeed(found.Handle, author.Id, FeedFormat.Atom)),
            ],
        }.ApplyTo(ViewData);
        return Page();
    }
}
