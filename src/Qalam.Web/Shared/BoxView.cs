using Qalam.Blogs;

namespace Qalam.Shared;

// A link in a box: its text, where it leads, and an optional note (a count, a date, the post a comment is on).
public sealed record BoxLink(string Text, string Href, string? Note = null, string? Language = null);

// A box as the layout draws it. Html: About's sanitized HTML; Image: the photo's address, ImageAlt its text (the Photo
// box's one link, if any, is the caption under it).
public sealed record BoxView(BoxKind Kind, string Heading, IReadOnlyList<BoxLink> Links, string? Html = null, string? Image = null, string? More = null,
    string? ImageAlt = null);

// The boxes of a blog, ready to draw; Reading implements it (it knows posts, comments and pages), the layout asks.
public interface IBlogBoxes
{
    Task<IReadOnlyList<BoxView>> ForAsync(BlogView blog, CancellationToken cancellationToken);
}
