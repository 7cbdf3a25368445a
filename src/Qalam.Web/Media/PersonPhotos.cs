using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Qalam.Storage;

namespace Qalam.Media;

public abstract record PhotoOutcome
{
    public sealed record Saved(string PhotoName) : PhotoOutcome;
    public sealed record Refused(UploadProblem Problem) : PhotoOutcome;
}

// A person's photo (bylines, their author page, the blog's photo box). It belongs to the person, not to a blog, so it
// is kept beside the blogs' folders in the media folder (`_people/`, which no blog id can be) and counts against no
// blog's quota. The upload goes through the same checks and rewriting as every image (ImageProcessor: no EXIF or GPS
// survives), and what is kept is two squares cut from its middle, as WebP: QalamUser.PhotoSize and PhotoSmallSize
// pixels. A new photo gets a new name, so the files can be cached for a year; the old ones are deleted.
public sealed class PersonPhotos(UserManager<QalamUser> users, MediaLibrary media, IOptions<MediaOptions> options, ILogger<PersonPhotos> logger)
{
    public const string Folder = "_people";

    public string FolderPath => Path.Combine(media.Root, Folder);

    public async Task<PhotoOutcome> SetAsync(QalamUser user, long length, Stream content, CancellationToken cancellationToken)
    {
        if (length == 0)
        {
            return new PhotoOutcome.Refused(UploadProblem.Empty);
        }
        if (length > options.Value.MaxBytes)
        {
            return new PhotoOutcome.Refused(UploadProblem.TooLarge);
        }
        var bytes = new byte[length];
        var read = await content.ReadAtLeastAsync(bytes, bytes.Length, throwOnEndOfStream: false, cancellationToken);
        if (read == 0)
        {
            return new PhotoOutcome.Refused(UploadProblem.Empty);
        }
        var (image, problem) = MediaLibrary.Decode(bytes[..read], options.Value.MaxPixels);
        if (image is null)
        {
            return new PhotoOutcome.Refused(problem);
        }
        var key = Guid.NewGuid().ToString("N");
        Directory.CreateDirectory(FolderPath);
        await WriteAsync(key + ".webp", ImageProcessor.Square(image.Bytes, QalamUser.PhotoSize), cancellationToken);
        await WriteAsync(QalamUser.SmallPhotoNameOf(key + ".webp"), ImageProcessor.Square(image.Bytes, QalamUser.PhotoSmallSize), cancellationToken);
        var old = user.PhotoName;
        user.PhotoName = key + ".webp";
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded)
        {
            Delete(user.PhotoName);
            user.PhotoName = old;
            throw new InvalidOperationException("The photo could not be recorded: " + string.Join("; ", result.Errors.Select(e => e.Code)));
        }
        Delete(old);
        return new PhotoOutcome.Saved(key + ".webp");
    }

    public async Task RemoveAsync(QalamUser user)
    {
        var old = user.PhotoName;
        if (old is null)
        {
            return;
        }
        user.PhotoName = null;
        await users.UpdateAsync(user);
        Delete(old);
    }

    // The file behind /media/_people/{name}, or null. Names are checked by the endpoint's pattern before they get here.
    public string? Open(string name)
    {
        var path = Path.Combine(FolderPath, name);
        return File.Exists(path) ? path : null;
    }

    private async Task WriteAsync(string name, byte[] bytes, CancellationToken cancellationToken)
    {
        // Written aside and moved into place, so no reader gets half a file.
        var path = Path.Combine(FolderPath, name);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await File.WriteAllBytesAsync(temporary, bytes, cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }

    private void Delete(string? photoName)
    {
        if (photoName is null)
        {
            return;
        }
        foreach (var name in new[] { photoName, QalamUser.SmallPhotoNameOf(photoName) })
        {
            try
            {
                File.Delete(Path.Combine(FolderPath, name));
            }
            catch (IOException e)
            {
                // A file left behind is unreachable (no row names it) and costs only its few kilobytes.
                logger.LogWarning(e, "The old photo file {Name} could not be deleted.", name);
            }
        }
    }
}
