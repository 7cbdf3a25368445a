using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Qalam.Accounts;
using Qalam.Blogs;
using Qalam.Storage;

namespace Qalam.Media;

public enum UploadProblem
{
    Empty,
    TooLarge,
    NotAnImage,
    QuotaReached,
}

public abstract record UploadOutcome
{
    public sealed record Stored(MediaFile File) : UploadOutcome;
    public sealed record Refused(UploadProblem Problem) : UploadOutcome;
}

public sealed record MediaItem(int Id, string StoredName, string OriginalName, string ContentType, long Size, DateTime CreatedAt);

// Images of one blog. The type is decided by the file's first bytes, never by its name or the browser's claim,
// and the stored name is Qalam's own, so an upload can neither pose as HTML nor overwrite another file.
public sealed class MediaLibrary(QalamDb db, IOptions<MediaOptions> options, IHostEnvironment environment, BlogQuotas quotas, TimeProvider time)
{
    private static readonly (string Type, string Extension, byte[] Magic)[] Signatures =
    [
        ("image/png", ".png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        ("image/jpeg", ".jpg", [0xFF, 0xD8, 0xFF]),
        ("image/gif", ".gif", [0x47, 0x49, 0x46, 0x38]),
    ];

    public string Root => options.Value.Directory is { Length: > 0 } configured
        ? configured
        : Path.Combine(environment.ContentRootPath, "data", "media");

    public async Task<UploadOutcome> StoreAsync(BlogAccess access, string originalName, long length, Stream content, CancellationToken cancellationToken)
    {
        if (length == 0)
        {
            return new UploadOutcome.Refused(UploadProblem.Empty);
        }
        if (length > options.Value.MaxBytes)
        {
            return new UploadOutcome.Refused(UploadProblem.TooLarge);
        }
        if (await quotas.MediaBytesAsync(db, access.Blog.Id, cancellationToken) is { } quota && !quota.AllowsAnother(length))
        {
            return new UploadOutcome.Refused(UploadProblem.QuotaReached);
        }
        var head = new byte[12];
        var read = await content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        var kind = Detect(head.AsSpan(0, read));
        if (kind is null)
        {
            return new UploadOutcome.Refused(UploadProblem.NotAnImage);
        }
        var storedName = Guid.NewGuid().ToString("N") + kind.Value.Extension;
        var folder = Path.Combine(Root, access.Blog.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, storedName);
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
        {
            await file.WriteAsync(head.AsMemory(0, read), cancellationToken);
            await content.CopyToAsync(file, cancellationToken);
        }
        var name = Path.GetFileName(originalName);
        var media = new MediaFile(access.Blog.Id, storedName, name[..Math.Min(name.Length, MediaFile.OriginalNameMaxLength)], kind.Value.Type,
            new FileInfo(path).Length, access.Viewer.UserId, time.GetUtcNow().UtcDateTime);
        db.MediaFiles.Add(media);
        await db.SaveChangesAsync(cancellationToken);
        return new UploadOutcome.Stored(media);
    }

    public Task<List<MediaItem>> ListAsync(int blogId, CancellationToken cancellationToken) =>
        db.MediaFiles.AsNoTracking().Where(m => m.BlogId == blogId).OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Select(m => new MediaItem(m.Id, m.StoredName, m.OriginalName, m.ContentType, m.Size, m.CreatedAt))
            .Take(200).ToListAsync(cancellationToken);

    // The file of a blog's upload, or null: a name that belongs to another blog is not found.
    public async Task<(string Path, string ContentType)?> OpenAsync(string handle, string storedName, CancellationToken cancellationToken)
    {
        var found = await db.MediaFiles.AsNoTracking()
            .Where(m => m.StoredName == storedName && db.Set<Blog>().Any(b => b.Id == m.BlogId && b.Handle == handle))
            .Select(m => new { m.BlogId, m.ContentType })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }
        var path = Path.Combine(Root, found.BlogId.ToString(System.Globalization.CultureInfo.InvariantCulture), storedName);
        return File.Exists(path) ? (path, found.ContentType) : null;
    }

    public static string PathOf(string handle, string storedName) => $"/media/{handle}/{storedName}";

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
