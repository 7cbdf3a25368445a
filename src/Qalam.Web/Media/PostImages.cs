using System.Globalization;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Qalam.Blogs;
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
            if (Srcset(src, media.StoredName, media.Width, media.Animated) is { Length: > 0 } srcset)
            {
                image.SetAttribute("srcset", srcset);
                image.SetAttribute("sizes", Sizes);
            }
        }
        return document.Body.InnerHtml;
    }

    public async Task<FeaturedImage?> FeaturedAsync(int blogId, int mediaId, CancellationToken cancellationToken)
    {
        var media = await db.MediaFiles.AsNoTracking().Where(m => m.BlogId == blogId && m.Id == mediaId)
            .Select(m => new { m.Id, m.StoredName, m.Width, m.Height, m.Animated, m.Alt, Handle = db.Set<Blog>().Where(b => b.Id == m.BlogId).Select(b => b.Handle).Single() })
            .SingleOrDefaultAsync(cancellationToken);
        if (media is null)
        {
            return null;
        }
        var path = MediaLibrary.PathOf(media.Handle, media.StoredName);
        return new FeaturedImage(media.Id, path, media.Width, media.Height, media.Alt ?? "", Srcset(path, media.StoredName, media.Width, media.Animated));
    }

    // The copies narrower than the image and the original as the widest; "" when there are none (animated GIFs,
    // small images, files stored before their size was known).
    private string Srcset(string src, string storedName, int width, bool animated)
    {
        var widths = animated || width <= 0 ? [] : options.Value.CopyWidths.Where(w => w > 0 && w < width).Distinct().Order().ToList();
        if (widths.Count == 0)
        {
            return "";
        }
        var folder = src[..(src.LastIndexOf('/') + 1)];
        return string.Join(", ", widths.Select(w => $"{folder}{MediaLibrary.CopyName(storedName, w)} {w}w").Append($"{src} {width}w"));
    }
}
