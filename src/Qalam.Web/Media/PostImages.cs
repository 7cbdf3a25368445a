using System.Globalization;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Qalam.Posts;
using Qalam.Storage;

namespace Qalam.Media;

// Images of the blog's own media in a post get width and height (no layout shift when they load), a srcset of the
// WebP copies with the original as the widest, sizes for the reading column, and loading="lazy" after the first one.
// Copies not made yet are answered with the original, so the srcset may name them from the start.
public sealed class PostImages(QalamDb db, IOptions<MediaOptions> options) : IPostImages
{
    // The reading column is 48rem wide at most (site.css --measure), the whole screen below that.
    public const string Sizes = "(min-width: 50rem) 48rem, 100vw";

    public async Task<string> DecorateAsync(int blogId, string html, CancellationToken cancellationToken)
    {
        if (!html.Contains("/media/", StringComparison.Ordinal))
        {
            return html;
        }
        var document = new HtmlParser().ParseDocument("<body>" + html);
        var images = document.Body!.QuerySelectorAll("img[src^='/media/']").ToList();
        var names = images.Select(i => Path.GetFileName(i.GetAttribute("src")!)).Distinct().ToList();
        var found = await db.MediaFiles.AsNoTracking().Where(m => m.BlogId == blogId && names.Contains(m.StoredName) && m.Width > 0)
            .Select(m => new { m.StoredName, m.Width, m.Height, m.Animated })
            .ToDictionaryAsync(m => m.StoredName, cancellationToken);
        var first = true;
        foreach (var image in images)
        {
            var src = image.GetAttribute("src")!;
            if (!found.TryGetValue(Path.GetFileName(src), out var media))
            {
                continue;
            }
            image.SetAttribute("width", media.Width.ToString(CultureInfo.InvariantCulture));
            image.SetAttribute("height", media.Height.ToString(CultureInfo.InvariantCulture));
            image.SetAttribute("decoding", "async");
            if (!first)
            {
                image.SetAttribute("loading", "lazy");
            }
            first = false;
            var widths = media.Animated ? [] : options.Value.CopyWidths.Where(w => w > 0 && w < media.Width).Distinct().Order().ToList();
            if (widths.Count > 0)
            {
                var folder = src[..(src.LastIndexOf('/') + 1)];
                var candidates = widths.Select(w => $"{folder}{MediaLibrary.CopyName(media.StoredName, w)} {w}w").Append($"{src} {media.Width}w");
                image.SetAttribute("srcset", string.Join(", ", candidates));
                image.SetAttribute("sizes", Sizes);
            }
        }
        return document.Body.InnerHtml;
    }
}
