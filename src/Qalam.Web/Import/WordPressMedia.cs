using System.IO.Compression;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Qalam.Http;
using Qalam.Media;
using Qalam.Storage;

namespace Qalam.Import;

// Where a WordPress export's images come from: its wp-content/uploads folder or a zip of it (Uploads), and/or their
// addresses on the old site while it is still up (Fetch). Neither: the import lists the attachments and leaves the
// posts' links pointing at the old site, as before.
public sealed record WordPressMediaSource(string? Uploads, bool Fetch)
{
    public static readonly WordPressMediaSource None = new(null, false);

    public bool Any => Uploads is not null || Fetch;
}

// Brings one import's images into the blog's media library through the same checks and processing as uploads, each
// once: an image imported before (by an earlier import of the same site) is found again by its address, never fetched
// twice. The posts' links to them are rewritten to the blog's own addresses.
internal sealed partial class WordPressMedia : IDisposable
{
    public const string KeyPrefix = "wordpress-media:";
    private static readonly TimeSpan FetchTime = TimeSpan.FromSeconds(30);

    private readonly QalamDb _db;
    private readonly MediaLibrary _library;
    private readonly PublicWebClient _web;
    private readonly WordPressMediaSource _source;
    private readonly ImportSession _session;
    private readonly string _handle;
    private readonly long _maxBytes;
    private readonly ZipArchive? _zip;
    private readonly Dictionary<string, ZipArchiveEntry> _zipEntries = new(StringComparer.OrdinalIgnoreCase);
    private bool _full;
    private readonly HashSet<string> _attachmentUrls = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Id, string Path)?> _paths = new(StringComparer.Ordinal);

    public WordPressMedia(QalamDb db, MediaLibrary library, PublicWebClient web, WordPressMediaSource source, ImportSession session, string handle, long maxBytes)
    {
        (_db, _library, _web, _source, _session, _handle, _maxBytes) = (db, library, web, source, session, handle, maxBytes);
        if (source.Uploads is { } uploads && File.Exists(uploads))
        {
            try
            {
                _zip = ZipFile.OpenRead(uploads);
            }
            catch (InvalidDataException)
            {
                throw new ImportException($"{Path.GetFileName(uploads)} is not a zip archive. Nothing was imported.");
            }
            foreach (var entry in _zip.Entries.Where(e => e.Name.Length > 0))
            {
                foreach (var name in Relative(entry.FullName.Replace('\\', '/')))
                {
                    _zipEntries.TryAdd(name, entry);
                }
            }
        }
        else if (source.Uploads is { } folder && !Directory.Exists(folder))
        {
            throw new ImportException($"No uploads folder or zip at {folder}.");
        }
    }

    // The old site's attachments by their WordPress id ("post:12"), with their alt text; and the hosts that served
    // media, whose image links in posts are the site's own.
    public Dictionary<string, (string Url, string? Alt)> Attachments { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Hosts { get; } = new(StringComparer.OrdinalIgnoreCase);

    // Media stored by this import, for MediaCopies once it commits, or for removing their files if it does not.
    public List<MediaFile> Stored { get; } = [];

    public void Saw(WxrItem attachment)
    {
        if (attachment.AttachmentUrl is { } url && Uri.TryCreate(url, UriKind.Absolute, out var address))
        {
            Attachments[attachment.Key] = (url, attachment.Meta.GetValueOrDefault(WxrReader.AltMeta));
            Hosts.Add(address.Host);
            _attachmentUrls.Add(Key(address));
        }
    }

    // The blog's address of the image at `url` (imported now, or by an earlier import), or null when it could not be
    // brought in (the reason is in the report).
    public async Task<(int Id, string Path)?> ImportAsync(string url, string? alt, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var address))
        {
            return null;
        }
        var original = Original(address);
        var key = Key(original);
        if (_paths.TryGetValue(key, out var known))
        {
            return known;
        }
        if (await _session.ImportedAsync(key, cancellationToken) is { } earlier
            && await _db.MediaFiles.AsNoTracking().Where(m => m.Id == earlier && m.BlogId == _session.BlogId).Select(m => m.StoredName).SingleOrDefaultAsync(cancellationToken) is { } name)
        {
            _session.Report.MediaAlreadyImported++;
            return _paths[key] = (earlier, MediaLibrary.PathOf(_handle, name));
        }
        // Once the blog is full, nothing more is read or fetched: a stranger's export cannot make the server download
        // what it would refuse to keep.
        if (_full)
        {
            _paths[key] = null;
            _session.Report.MediaNotImported.Add($"{original.AbsoluteUri} ({UploadProblem.QuotaReached})");
            return null;
        }
        var (bytes, problem) = await ReadAsync(original, cancellationToken);
        if (bytes is null)
        {
            _paths[key] = null;
            _session.Report.MediaNotImported.Add($"{original.AbsoluteUri} ({problem})");
            return null;
        }
        var outcome = await _library.StoreAsync(_session.BlogId, null, Path.GetFileName(original.AbsolutePath), bytes, alt, cancellationToken);
        if (outcome is not UploadOutcome.Stored { File: var media })
        {
            _full = outcome is UploadOutcome.Refused { Problem: UploadProblem.QuotaReached };
            _paths[key] = null;
            _session.Report.MediaNotImported.Add($"{original.AbsoluteUri} ({((UploadOutcome.Refused)outcome).Problem})");
            return null;
        }
        Stored.Add(media);
        _session.Remember(key, ImportedKind.Media, media.Id);
        _session.Report.MediaImported++;
        return _paths[key] = (media.Id, MediaLibrary.PathOf(_handle, media.StoredName));
    }

    // The post's Markdown with every link to the old site's images (and to their resized variants) pointing at the
    // blog's copy instead.
    public async Task<string> RewriteAsync(string markdown, CancellationToken cancellationToken)
    {
        var replacements = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match match in ImageAddress().Matches(markdown))
        {
            var url = match.Value;
            if (replacements.ContainsKey(url) || !Uri.TryCreate(url, UriKind.Absolute, out var address)
                || !(Hosts.Contains(address.Host) || address.AbsolutePath.Contains("/wp-content/uploads/", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }
            if (await ImportAsync(url, null, cancellationToken) is { Path: var path })
            {
                replacements[url] = path;
            }
        }
        return replacements.Count == 0 ? markdown : ImageAddress().Replace(markdown, m => replacements.GetValueOrDefault(m.Value, m.Value));
    }

    // WordPress links posts to resized variants ("photo-300x200.jpg") of the attachment ("photo.jpg"), unless that name
    // is an attachment of its own (the Theme Unit Test has "image-alignment-300x200.jpg").
    private Uri Original(Uri address)
    {
        var exact = new UriBuilder(address) { Query = "", Fragment = "" }.Uri;
        var match = SizeSuffix().Match(exact.AbsolutePath);
        if (!match.Success || _attachmentUrls.Contains(Key(exact)))
        {
            return exact;
        }
        var original = new UriBuilder(exact) { Path = exact.AbsolutePath[..match.Index] + match.Groups["ext"].Value }.Uri;
        return _attachmentUrls.Contains(Key(original)) ? original : exact;
    }

    private static string Key(Uri address) => KeyPrefix + address.Host.ToLowerInvariant() + address.AbsolutePath;

    private async Task<(byte[]? Bytes, string Problem)> ReadAsync(Uri address, CancellationToken cancellationToken)
    {
        if (_source.Uploads is { } uploads)
        {
            foreach (var relative in Relative(Uri.UnescapeDataString(address.AbsolutePath)))
            {
                if (_zip is not null)
                {
                    if (_zipEntries.TryGetValue(relative, out var entry))
                    {
                        // The entry's stated size is checked before it is inflated: a zip bomb costs nothing.
                        if (entry.Length > _maxBytes)
                        {
                            return (null, "too large");
                        }
                        try
                        {
                            await using var stream = await entry.OpenAsync(cancellationToken);
                            var bytes = new byte[entry.Length];
                            await stream.ReadExactlyAsync(bytes, cancellationToken);
                            return (bytes, "");
                        }
                        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
                        {
                            return (null, "broken in the zip");
                        }
                    }
                }
                else
                {
                    var root = Path.GetFullPath(uploads);
                    var file = Path.GetFullPath(Path.Combine(root, relative));
                    if (file.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) && File.Exists(file))
                    {
                        return new FileInfo(file).Length > _maxBytes ? (null, "too large") : (await File.ReadAllBytesAsync(file, cancellationToken), "");
                    }
                }
            }
            if (!_source.Fetch)
            {
                return (null, "not in the uploads");
            }
        }
        return await _web.GetAsync(address, _maxBytes, FetchTime, cancellationToken) switch
        {
            FetchOutcome.Fetched fetched => (fetched.Bytes, ""),
            FetchOutcome.Refused refused => (null, refused.Problem == FetchProblem.InsideAddress ? "refused: " + refused.Detail : refused.Detail),
            _ => (null, "failed"),
        };
    }

    // The names a file of the uploads may have relative to the folder given: after wp-content/uploads/ (self-hosted
    // sites), the whole path (a zip made one level up), and year/month/name (WordPress.com's addresses).
    private static IEnumerable<string> Relative(string path)
    {
        path = path.TrimStart('/');
        var at = path.IndexOf("uploads/", StringComparison.OrdinalIgnoreCase);
        if (at >= 0)
        {
            yield return path[(at + "uploads/".Length)..];
        }
        yield return path;
        var parts = path.Split('/');
        if (parts.Length > 3)
        {
            yield return string.Join('/', parts[^3..]);
        }
    }

    public void Dispose() => _zip?.Dispose();

    [GeneratedRegex(@"https?://[^\s()\[\]""'<>]+?\.(?:jpe?g|png|gif|webp)(?:\?[^\s()\[\]""'<>]*)?(?=[\s()\[\]""'<>]|$)", RegexOptions.IgnoreCase)]
    private static partial Regex ImageAddress();

    [GeneratedRegex(@"-\d+x\d+(?<ext>\.(?:jpe?g|png|gif|webp))$", RegexOptions.IgnoreCase)]
    private static partial Regex SizeSuffix();
}
