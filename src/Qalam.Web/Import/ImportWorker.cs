using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Qalam.Storage;

namespace Qalam.Import;

// Imports started from the admin area wait here for the worker on the node that received their file.
public sealed class ImportQueue
{
    private readonly Channel<Guid> _jobs = Channel.CreateUnbounded<Guid>(new UnboundedChannelOptions { SingleReader = true });

    // Uploaded files wait here until their import has run.
    public static string Folder { get; } = Path.Combine(Path.GetTempPath(), "qalam-imports");

    public static string FileOf(Guid job) => Path.Combine(Folder, job.ToString("N") + ".xml");

    public static string UploadsOf(Guid job) => Path.Combine(Folder, job.ToString("N") + ".uploads.zip");

    public void Enqueue(Guid job) => _jobs.Writer.TryWrite(job);

    public ChannelReader<Guid> Reader => _jobs.Reader;
}

// Bytes read so far by the imports running on this node, for the progress bar.
public sealed class ImportProgress
{
    private readonly ConcurrentDictionary<Guid, long> _read = new();

    public long? Read(Guid job) => _read.TryGetValue(job, out var read) ? read : null;

    public void Report(Guid job, long read) => _read[job] = read;

    public void Forget(Guid job) => _read.TryRemove(job, out _);
}

// Runs admin-area imports one at a time, each in its own scope, with the same importer as the command line.
public sealed class ImportWorker(ImportQueue queue, ImportProgress progress, IServiceScopeFactory scopes, TimeProvider time, ILogger<ImportWorker> logger) : BackgroundService
{
    public static string Node { get; } = Environment.MachineName;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await AbandonInterruptedAsync(stoppingToken);
        await foreach (var id in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await RunAsync(id, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Import {Job} failed unexpectedly.", id);
            }
            finally
            {
                progress.Forget(id);
                File.Delete(ImportQueue.FileOf(id));
                File.Delete(ImportQueue.UploadsOf(id));
            }
        }
    }

    private async Task RunAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QalamDb>();
        var job = await db.ImportJobs.SingleOrDefaultAsync(j => j.Id == id, cancellationToken);
        if (job is null || job.Status != ImportJobStatus.Queued)
        {
            return;
        }
        job.Start();
        await db.SaveChangesAsync(cancellationToken);
        try
        {
            await using var file = File.OpenRead(ImportQueue.FileOf(id));
            var report = await scope.ServiceProvider.GetRequiredService<WordPressImporter>()
                .ImportAsync(job.BlogId, file, new ImmediateProgress(read => progress.Report(id, read)), cancellationToken,
                    new WordPressMediaSource(job.WithUploads ? ImportQueue.UploadsOf(id) : null, job.FetchMedia));
            job.Succeed(JsonSerializer.Serialize(report), time.GetUtcNow().UtcDateTime);
        }
        catch (Exception e) when (e is WxrException or ImportException)
        {
            job.Fail(e.Message, time.GetUtcNow().UtcDateTime);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Import {Job} into blog {Blog} failed.", id, job.BlogId);
            job.Fail("@Admin.Import.Unexpected", time.GetUtcNow().UtcDateTime);
        }
        // The importer's scope may hold a failed transaction's state; the job is written through a fresh one.
        await using var after = scopes.CreateAsyncScope();
        var status = after.ServiceProvider.GetRequiredService<QalamDb>();
        status.ImportJobs.Attach(job);
        status.Entry(job).State = EntityState.Modified;
        await status.SaveChangesAsync(CancellationToken.None);
    }

    // A job this node was running when it stopped will not finish: its transaction was rolled back.
    private async Task AbandonInterruptedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QalamDb>();
        var stale = await db.ImportJobs.Where(j => j.Node == Node && (j.Status == ImportJobStatus.Queued || j.Status == ImportJobStatus.Running))
            .ToListAsync(cancellationToken);
        foreach (var job in stale)
        {
            job.Fail("@Admin.Import.Restarted", time.GetUtcNow().UtcDateTime);
            File.Delete(ImportQueue.FileOf(job.Id));
            File.Delete(ImportQueue.UploadsOf(job.Id));
        }
        await db.SaveChangesAsync(cancellationToken);
    }

}

// Reports progress on the importer's own thread, at once (Progress<T> would post each report to the thread pool,
// out of order).
internal sealed class ImmediateProgress(Action<long> report) : IProgress<long>
{
    public void Report(long value) => report(value);
}
