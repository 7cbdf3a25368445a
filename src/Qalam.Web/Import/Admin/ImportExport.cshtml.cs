using System.IO.Compression;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Qalam.Accounts;
using Qalam.Admin;
using Qalam.Blogs;
using Qalam.Storage;

namespace Qalam.Import.Admin;

// Owners bring a WordPress export in (the worker imports it in the background; this page shows its progress) and
// take the blog out as WXR or as a ZIP of Markdown files.
[RequestSizeLimit(ImportExportModel.MaxUploadBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = ImportExportModel.MaxUploadBytes)]
public sealed class ImportExportModel(BlogAccessChecker access, QalamDb db, ImportQueue queue, ImportProgress progress, TimeProvider time) : AdminPageModel
{
    public const long MaxUploadBytes = 2L * 1024 * 1024 * 1024;

    public sealed record JobView(ImportJob Job, long? Read)
    {
        public int Percent => Job.Status == ImportJobStatus.Done ? 100 : Job.Bytes == 0 || Read is null ? 0 : (int)Math.Min(99, Read.Value * 100 / Job.Bytes);
    }

    public List<JobView> Jobs { get; private set; } = [];
    public JobView? Current { get; private set; }
    public ImportReport? Report { get; private set; }
    public string? Error { get; private set; }

    public bool Waiting => Current is { Job.Status: ImportJobStatus.Queued or ImportJobStatus.Running };

    public async Task<IActionResult> OnGetAsync(string blog, Guid? job, CancellationToken cancellationToken)
    {
        if (await LoadAsync(blog, cancellationToken) is { } failure)
        {
            return failure;
        }
        if (job is { } id)
        {
            var found = await db.ImportJobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == id && j.BlogId == Access.Blog.Id, cancellationToken);
            if (found is null)
            {
                return NotFound();
            }
            Current = new JobView(found, progress.Read(found.Id));
            Report = found.Report is null ? null : JsonSerializer.Deserialize<ImportReport>(found.Report);
        }
        return await ShowAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(string blog, IFormFile? file, IFormFile? uploads, bool fetchMedia, CancellationToken cancellationToken)
    {
        if (await LoadAsync(blog, cancellationToken) is { } failure)
        {
            return failure;
        }
        if (file is null || file.Length == 0)
        {
            Error = Text["Admin.Import.Empty"];
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return await ShowAsync(cancellationToken);
        }
        var id = Guid.NewGuid();
        Directory.CreateDirectory(ImportQueue.Folder);
        await using (var stored = System.IO.File.Create(ImportQueue.FileOf(id)))
        {
            await file.CopyToAsync(stored, cancellationToken);
        }
        var withUploads = uploads is { Length: > 0 };
        if (withUploads)
        {
            await using var stored = System.IO.File.Create(ImportQueue.UploadsOf(id));
            await uploads!.CopyToAsync(stored, cancellationToken);
        }
        if (withUploads && !IsZip(ImportQueue.UploadsOf(id)))
        {
            System.IO.File.Delete(ImportQueue.FileOf(id));
            System.IO.File.Delete(ImportQueue.UploadsOf(id));
            Error = Text["Admin.Import.UploadsNotZip"];
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return await ShowAsync(cancellationToken);
        }
        db.ImportJobs.Add(new ImportJob(id, Access.Blog.Id, Viewer.UserId, Path.GetFileName(file.FileName), file.Length, ImportWorker.Node, time.GetUtcNow().UtcDateTime)
        {
            WithUploads = withUploads,
            FetchMedia = fetchMedia,
        });
        await db.SaveChangesAsync(cancellationToken);
        queue.Enqueue(id);
        return Redirect($"/admin/{Access.Blog.Handle}/import/{id:D}");
    }

    private static bool IsZip(string path)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            return true;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    // The WXR file is written to a temporary file first: XmlWriter flushes synchronously, which Kestrel refuses.
    public async Task<IActionResult> OnGetWordPressAsync(string blog, [FromServices] WxrWriter writer, CancellationToken cancellationToken)
    {
        if (await LoadAsync(blog, cancellationToken) is { } failure)
        {
            return failure;
        }
        var path = Path.GetTempFileName();
        await using (var file = System.IO.File.Create(path))
        {
            await writer.WriteAsync(Access.Blog.Id, SiteAddress.From(Request), file, cancellationToken);
        }
        return TemporaryFile(path, "application/xml", $"{Access.Blog.Handle}.wordpress.{Stamp()}.xml");
    }

    public async Task<IActionResult> OnGetMarkdownAsync(string blog, [FromServices] MarkdownFolderWriter writer, CancellationToken cancellationToken)
    {
        if (await LoadAsync(blog, cancellationToken) is { } failure)
        {
            return failure;
        }
        var folder = Directory.CreateTempSubdirectory("qalam-export-");
        var zip = folder.FullName + ".zip";
        try
        {
            await writer.WriteAsync(Access.Blog.Id, folder, cancellationToken);
            await ZipFile.CreateFromDirectoryAsync(folder.FullName, zip, CompressionLevel.Optimal, includeBaseDirectory: false, cancellationToken: cancellationToken);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
        return TemporaryFile(zip, "application/zip", $"{Access.Blog.Handle}.markdown.{Stamp()}.zip");
    }

    private FileStreamResult TemporaryFile(string path, string contentType, string downloadName)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        return File(stream, contentType, downloadName);
    }

    private string Stamp() => time.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    // Bringing content in and taking all of it out are the owner's, like the blog's settings.
    private async Task<IActionResult?> LoadAsync(string blog, CancellationToken cancellationToken)
    {
        if (!await LoadBlogAsync(access, blog, cancellationToken))
        {
            return NotFound();
        }
        return Access.CanManageBlog ? null : Forbid();
    }

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        var jobs = await db.ImportJobs.AsNoTracking().Where(j => j.BlogId == Access.Blog.Id)
            .OrderByDescending(j => j.CreatedAt).Take(10).ToListAsync(cancellationToken);
        Jobs = jobs.Select(j => new JobView(j, progress.Read(j.Id))).ToList();
        Chrome(Text["Admin.Import"]);
        return Page();
    }

    public string Status(ImportJob job) => Text["Admin.Import.Status." + job.Status];

    public string ErrorOf(ImportJob job) => job.Error switch
    {
        null => "",
        ['@', .. var key] => Text[key],
        var message => $"{Text["Admin.Import.Broken"]} {message}",
    };
}
