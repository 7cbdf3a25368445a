namespace Qalam.Posts;

// The picture that stands for a post: on its page, in lists, feeds, mail and social cards. Media resolves it from
// the blog's own library when the post is saved (IPostImages.FeaturedAsync) and keeps the copy on the post up to
// date when the image's alt text changes or the image is deleted, so readers never join two tables for it.
// Path is the original's address under the blog ("/media/{handle}/{name}"); Srcset names the WebP copies and the
// original with their widths ("" when there are none).
public sealed record FeaturedImage(int MediaId, string Path, int Width, int Height, string Alt, string Srcset)
{
    // Social services take pictures up to this wide; a wider original is named by its copy of this width.
    public const int CardWidth = 1600;

    // The post's columns as one value (null when the post has none); called in the last step of a projection.
    public static FeaturedImage? From(int? id, string? path, int width, int height, string? alt, string? srcset) =>
        id is { } mediaId ? new FeaturedImage(mediaId, path ?? "", width, height, alt ?? "", srcset ?? "") : null;

    // The widest candidate of at most `maxWidth` pixels (the original when none is narrower), with its height.
    public (string Path, int Width, int Height) AtMost(int maxWidth)
    {
        var (path, shown) = (Path, Width);
        foreach (var candidate in Srcset.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = candidate.Split(' ');
            if (parts.Length == 2 && int.TryParse(parts[1].TrimEnd('w'), System.Globalization.CultureInfo.InvariantCulture, out var w)
                && w <= maxWidth && (shown > maxWidth || w > shown))
            {
                (path, shown) = (parts[0], w);
            }
        }
        return (path, shown, Width == 0 ? 0 : (int)Math.Round((double)Height * shown / Width));
    }
}
