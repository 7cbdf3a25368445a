using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Qalam.Storage;

namespace Qalam.Media;

// Uploads whose resized copies are still to be made. The upload answers at once; a page that uses the image before
// its copies exist gets the original in their place (MediaLibrary.OpenAsync).
public sealed class MediaCopies
{
    private readonly Channel<int> _queue = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(int mediaId) => _queue.Writer.TryWrite(mediaId);

    public ChannelReader<int> Reader => _queue.Reader;
}

// Makes the WebP copies (Media:CopyWidths narrower than the image) off the request path. At start it takes up files
// never gone through (a node stopped mid-way, or files older than copies), so nothing waits for a particular node.
public sealed class MediaCopyMaker(MediaCopies queue, IServiceScopeFactory scopes, IOptions<MediaOptions> options, ILogger<MediaCopyMaker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using (var scope = scopes.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<QalamDb>();
                foreach (var id in await db.MediaFiles.AsNoTracking().Where(m => m.CopyWidths == null && m.Width > 0).OrderBy(m => m.Id)
                    .Select(m => m.Id).Take(100_000).ToListAsync(stoppingToken))
                {
                    queue.Enqueue(id);
                }
            }
            await foreach (var id in queue.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await MakeAsync(id, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Making the copies of media file {Id} failed; its original is served in their place.", id);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping: the next start takes up what is left.
        }
    }

    private async Task MakeAsync(int id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QalamDb>();
        var media = await db.MediaFiles.SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (media is null || media.CopyWidths is not null)
        {
            return;
        }
        var widths = media.Animated ? [] : options.Value.CopyWidths.Where(w => w > 0 && w < media.Width).Distinct().Order().ToList();
        long total = 0;
        if (widths.Count > 0)
        {
            var folder = scope.ServiceProvider.GetRequiredService<MediaLibrary>().FolderOf(media.BlogId);
            var original = await File.ReadAllBytesAsync(Path.Combine(folder, media.StoredName), cancellationToken);
            foreach (var (width, copy) in widths.Zip(ImageProcessor.Copies(original, widths)))
            {
                // Written aside and moved into place, so a reader never gets half a file (two nodes may both do it).
                var path = Path.Combine(folder, MediaLibrary.CopyName(media.StoredName, width));
                var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
                await File.WriteAllBytesAsync(temporary, copy, cancellationToken);
                File.Move(temporary, path, overwrite: true);
                total += copy.Length;
            }
        }
        media.CopiesMade(widths, total);
        await db.SaveChangesAsync(cancellationToken);
    }
}
