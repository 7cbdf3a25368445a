using Qalam.Posts;

namespace Qalam.Reading;

// A featured image as one <img>: its copies for the browser to choose from at the width it is shown (Sizes), its
// size against layout shift, and lazy loading where it is not at the top of the page.
public sealed record FeaturedImageView(FeaturedImage Image, string Sizes, bool Lazy)
{
    // On the post page it spans the reading column (48rem at most, site.css --measure), as images in the text do.
    public const string PageSizes = Media.PostImages.Sizes;

    // In lists it is a thumbnail beside the summary on wide screens and the column's width on phones (site.css .summary).
    public const string ListSizes = "(min-width: 40rem) 12rem, 100vw";
}
