using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Qalam.Accounts;
using Qalam.Blogs;
using Qalam.Posts;
using Qalam.Storage;

namespace Qalam.Media;

public enum UploadProblem
{
    Empty,
    TooLarge,
    NotAnImage,
    QuotaReached,
    TooManyPixels,
}

public abstract record UploadOutcome
{
    public sealed record Stored(MediaFile File) : UploadOutcome;
    public sealed record Refused(UploadProblem Problem) : UploadOutcome;
}

public sealed record MediaItem(int Id, string StoredName, string OriginalName, string ContentType, long Size, DateTime CreatedAt,
    string? Alt, int Width, int Height, string? UploadedBy)
{
    public IReadOnlyList<PostUse> UsedIn { get; init; } = [];
}

public sealed record MediaChoice(int Id, string StoredName, string OriginalName, string? Alt, int Width, int Height);

// A post that shows an image (its Markdown names the file).
public sealed record PostUse(int Id, string Title, string Language);

// Images of one blog. The type is decided by the file's first bytes, never by its name or the browser's claim,
// and the stored name is Qalam's own, so an upload can neither pose as HTML nor overwrite another file.
public sealed class MediaLibrary(QalamDb db, IOptions<MediaOptions> options, IHostEnvironment environment, BlogQuotas quotas, MediaCopies copies,
    TimeProvider time)
{
    private static readonly (string Type, string Extension, byte[] Magic)[] Signatures =
    [
        ("image/png", ".png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        ("image/jpeg", ".jpg", [0xFF, 0xD8, 0xFF]),
        ("image/gif", ".gif", [0x47, 0x49, 0x46, 0x38]),
    ];

    private MediaOptions Options => options.Value;

    public string Root => options.Value.Directory is { Length: > 0 } configured
        ? configured
        : Path.Combine(environment.ContentRootPath, "data", "media");

    public const int PageSize = 30;

    public async Task<UploadOutcome> StoreAsync(BlogAccess access, string originalName, long length, Stream content, CancellationToken cancellationToken,
        string? alt = null)
    {
        if (length == 0)
        {
            return new UploadOutcome.Refused(UploadProblem.Empty);
        }
        if (length > options.Value.MaxBytes)
        {
            return new UploadOutcome.Refused(UploadProblem.TooLarge);
        }
        var bytes = new byte[length];
        var read = await content.ReadAtLeastAsync(bytes, bytes.Length, throwOnEndOfStream: false, cancellationToken);
        var outcome = await StoreAsync(access.Blog.Id, access.Viewer.UserId, originalName, bytes.AsSpan(0, read).ToArray(), alt, cancellationToken);
        if (outcome is UploadOutcome.Stored stored)
        {
            copies.Enqueue(stored.File.Id);
        }
        return outcome;
    }

    // An image that comes without a person at a form (imports): the same checks and processing. The caller hands the
    // stored file's id to MediaCopies once its transaction has committed (the copy maker reads the row).
    public async Task<UploadOutcome> StoreAsync(int blogId, string? uploadedBy, string originalName, byte[] bytes, string? alt,
        CancellationToken cancellationToken)
    {
        if (bytes.Length == 0)
        {
            return new UploadOutcome.Refused(UploadProblem.Empty);
        }
        if (bytes.Length > options.Value.MaxBytes)
        {
            return new UploadOutcome.Refused(UploadProblem.TooLarge);
        }
        if (await quotas.MediaBytesAsync(db, blogId, cancellationToken) is { } quota && !quota.AllowsAnother(bytes.Length))
        {
            return new UploadOutcome.Refused(UploadProblem.QuotaReached);
        }
        var (image, problem) = Decode(bytes, Options.MaxPixels);
        if (image is null)
        {
            return new UploadOutcome.Refused(problem);
        }
        var storedName = Guid.NewGuid().ToString("N") + image.Extension;
        var folder = FolderOf(blogId);
        Directory.CreateDirectory(folder);
        await File.WriteAllBytesAsync(Path.Combine(folder, storedName), image.Bytes, cancellationToken);
        var name = Qalam.Text.InputText.Clean(Path.GetFileName(originalName));
        var media = new MediaFile(blogId, storedName, name[..Math.Min(name.Length, MediaFile.OriginalNameMaxLength)], image.ContentType,
            image.Bytes.Length, uploadedBy, time.GetUtcNow().UtcDateTime);
        media.Measured(image.Width, image.Height, image.Animated);
        media.Alt = CleanAlt(alt);
        db.MediaFiles.Add(media);
        await db.SaveChangesAsync(cancellationToken);
        return new UploadOutcome.Stored(media);
    }

    public string FolderOf(int blogId) => Path.Combine(Root, blogId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    // A page of the blog's images, newest first, matched by name or alt text, each with the posts that show it (a
    // search of the blog's posts' Markdown for the file's name: one query per image of the page).
    public async Task<(List<MediaItem> Items, int Total)> ListAsync(int blogId, string? search, int page, CancellationToken cancellationToken)
    {
        var query = db.MediaFiles.AsNoTracking().Where(m => m.BlogId == blogId);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var words = search.Trim().ToLowerInvariant();
            query = query.Where(m => m.OriginalName.ToLower().Contains(words) || (m.Alt != null && m.Alt.ToLower().Contains(words)));
        }
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Skip(PageOfRows.Skip(page, PageSize)).Take(PageSize)
            .Select(m => new MediaItem(m.Id, m.StoredName, m.OriginalName, m.ContentType, m.Size + m.CopiesSize, m.CreatedAt, m.Alt, m.Width, m.Height, m.UploadedBy))
            .ToListAsync(cancellationToken);
        for (var i = 0; i < items.Count; i++)
        {
            items[i] = items[i] with { UsedIn = await UsedInAsync(blogId, items[i].Id, items[i].StoredName, cancellationToken) };
        }
        return (items, total);
    }

    // The images a writer may pick as a featured image: the newest, and the one already chosen wherever it is.
    public Task<List<MediaChoice>> ChoicesAsync(int blogId, int? chosen, int count, CancellationToken cancellationToken) =>
        db.MediaFiles.AsNoTracking().Where(m => m.BlogId == blogId && m.Width > 0)
            .OrderByDescending(m => m.Id == chosen).ThenByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Take(count)
            .Select(m => new MediaChoice(m.Id, m.StoredName, m.OriginalName, m.Alt, m.Width, m.Height))
            .ToListAsync(cancellationToken);

    public Task<MediaFile?> FindAsync(int blogId, int id, CancellationToken cancellationToken) =>
        db.MediaFiles.SingleOrDefaultAsync(m => m.BlogId == blogId && m.Id == id, cancellationToken);

    // Trashed posts count: they may come back. A post featuring the image uses it too.
    public Task<List<PostUse>> UsedInAsync(int blogId, int id, string storedName, CancellationToken cancellationToken) =>
        db.Posts.IgnoreQueryFilters().AsNoTracking()
            .Where(p => p.BlogId == blogId && (p.FeaturedImageId == id || p.BodyMarkdown.Contains(storedName)))
            .OrderByDescending(p => p.UpdatedAt).Take(20).Select(p => new PostUse(p.Id, p.Title, p.Language)).ToListAsync(cancellationToken);

    // Posts featuring the image show the new text too (their copy of it is updated with the same save).
    public async Task SetAltAsync(MediaFile media, string? alt, CancellationToken cancellationToken)
    {
        media.Alt = CleanAlt(alt);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Posts.IgnoreQueryFilters().Where(p => p.FeaturedImageId == media.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(p => p.FeaturedImageAlt, media.Alt), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    // Removes the row, the file and its copies; the quota is freed with them. Posts that showed it show a broken image,
    // which is why the page warns first.
    public async Task DeleteAsync(MediaFile media, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Posts.IgnoreQueryFilters().Where(p => p.FeaturedImageId == media.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(p => p.FeaturedImageId, (int?)null).SetProperty(p => p.FeaturedImagePath, (string?)null)
                .SetProperty(p => p.FeaturedImageWidth, 0).SetProperty(p => p.FeaturedImageHeight, 0)
                .SetProperty(p => p.FeaturedImageAlt, (string?)null).SetProperty(p => p.FeaturedImageSrcset, (string?)null), cancellationToken);
        // The blog's header, logo and favicon (Themes) keep the picture's address: cleared with it.
        await db.Blogs.Where(b => b.Id == media.BlogId && b.HeaderImageId == media.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(b => b.HeaderImageId, (int?)null).SetProperty(b => b.HeaderImagePath, (string?)null), cancellationToken);
        await db.Blogs.Where(b => b.Id == media.BlogId && b.LogoImageId == media.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(b => b.LogoImageId, (int?)null).SetProperty(b => b.LogoPath, (string?)null), cancellationToken);
        await db.Blogs.Where(b => b.Id == media.BlogId && b.FaviconImageId == media.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(b => b.FaviconImageId, (int?)null).SetProperty(b => b.FaviconPath, (string?)null), cancellationToken);
        db.MediaFiles.Remove(media);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var folder = FolderOf(media.BlogId);
        foreach (var name in media.Copies.Select(w => CopyName(media.StoredName, w)).Append(media.StoredName))
        {
            File.Delete(Path.Combine(folder, name));
        }
    }

    // The text of an image comes from forms, the API's multipart body, imports and file names: InputText's rule is
    // applied here, where it is stored, whatever the way in.
    private static string? CleanAlt(string? alt) =>
        Qalam.Text.InputText.CleanOrNull(alt)?.Trim() is { Length: > 0 } text ? text[..Math.Min(text.Length, MediaFile.AltMaxLength)] : null;

    // The file of a blog's upload, or null: a name that belongs to another blog is not found. A copy's name
    // ({name}-{width}.webp) answers with the copy, or with the original while the copy is not made yet, which is then
    // cached only briefly (Fallback).
    public async Task<(string Path, string ContentType, bool Fallback)?> OpenAsync(string handle, string storedName, CancellationToken cancellationToken)
    {
        var dash = storedName.IndexOf('-', StringComparison.Ordinal);
        var key = storedName[..(dash < 0 ? storedName.IndexOf('.', StringComparison.Ordinal) : dash)];
        var found = await db.MediaFiles.AsNoTracking()
            .Where(m => m.StoredName.StartsWith(key) && db.Set<Blog>().Any(b => b.Id == m.BlogId && b.Handle == handle))
            .Select(m => new { m.BlogId, m.StoredName, m.ContentType })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null || (dash < 0 && found.StoredName != storedName))
        {
            return null;
        }
        var folder = FolderOf(found.BlogId);
        if (dash >= 0 && File.Exists(Path.Combine(folder, storedName)))
        {
            return (Path.Combine(folder, storedName), "image/webp", false);
        }
        var original = Path.Combine(folder, found.StoredName);
        return File.Exists(original) ? (original, found.ContentType, dash >= 0) : null;
    }

    public static string CopyName(string storedName, int width) => $"{Path.GetFileNameWithoutExtension(storedName)}-{width}.webp";

    public static string PathOf(string handle, string storedName) => $"/media/{handle}/{storedName}";

    // A small picture for lists of images: the narrowest copy (answered with the original while it is not made, and for
    // animated GIFs, which get none).
    public const int ThumbnailWidth = 480;

    public static string ThumbnailOf(string handle, string storedName, int width) =>
        PathOf(handle, width > ThumbnailWidth ? CopyName(storedName, ThumbnailWidth) : storedName);

    // What every upload goes through once its size is allowed (a blog's images, a person's photo): the first bytes must
    // name an image type Qalam serves (SVG and HTML never do), and then the whole file must decode as that picture (a
    // file that lies past its first bytes is refused too), within `maxPixels`.
    public static (ProcessedImage? Image, UploadProblem Problem) Decode(byte[] bytes, long maxPixels)
    {
        if (Detect(bytes.AsSpan(0, Math.Min(bytes.Length, 12))) is null)
        {
            return (null, UploadProblem.NotAnImage);
        }
        return ImageProcessor.Process(bytes, maxPixels) switch
        {
            ImageOutcome.Ready ready => (ready.Image, UploadProblem.Empty),
            ImageOutcome.Refused { Why: ImageRefusal.TooManyPixels } => (null, UploadProblem.TooManyPixels),
            _ => (null, UploadProblem.NotAnImage),
        };
    }

    // The sentence a person reads for a refused upload, in the admin area's language.
    public static string Describe(UploadProblem problem, Qalam.Localization.UiText text, MediaOptions options) => problem switch
    {
        UploadProblem.TooLarge => text["Admin.Media.TooLarge", text.Number(options.MaxBytes / (1024 * 1024))],
        UploadProblem.NotAnImage => text["Admin.Media.NotAnImage"],
        UploadProblem.QuotaReached => text["Quota.Media"],
        UploadProblem.TooManyPixels => text["Admin.Media.TooManyPixels", text.Number(options.MaxPixels / 1_000_000)],
        _ => text["Admin.Media.Empty"],
    };

    private static (string Type, string Extension)? Detect(ReadOnlySpan<byte> head)
    {
        foreach (var (type, extension, magic) in Signatures)
        {
            if (head.StartsWith(magic))
            {
                return (type, extension);
            }
        }
        // WebP: "RIFF" size "WEBP"
        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return ("image/webp", ".webp");
        }
        return null;
    }
}
