using System.ComponentModel.DataAnnotations.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qalam.Blogs;

namespace Qalam.Import;

public enum ImportJobStatus
{
    Queued = 0,
    Running = 1,
    Done = 2,
    Failed = 3,
}

// An import started from the admin area: the uploaded file waits on the node that received it, the worker there
// runs it, and this row tells the owner how it went. Progress while it runs is kept in memory (ImportProgress),
// because the import's own transaction would hide any progress written to the database until it ends. Error holds
// the reader's one-line message for a broken file, or "@" and a resource key for Qalam's own messages.
[Table("import_jobs")]
public sealed class ImportJob
{
    public const int FileNameMaxLength = 200;
    public const int ErrorMaxLength = 1000;

    private ImportJob()
    {
    }

    public ImportJob(Guid id, int blogId, string userId, string fileName, long bytes, string node, DateTime createdAt)
    {
        Id = id;
        BlogId = blogId;
        UserId = userId;
        FileName = fileName.Length > FileNameMaxLength ? fileName[..FileNameMaxLength] : fileName;
        Bytes = bytes;
        Node = node;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }
    public int BlogId { get; private set; }
    public string UserId { get; private set; } = "";
    public string FileName { get; private set; } = "";
    public long Bytes { get; private set; }
    public string Node { get; private set; } = "";
    public ImportJobStatus Status { get; private set; }
    public string? Report { get; private set; }
    public string? Error { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime? FinishedAt { get; private set; }

    // Where the export's images come from: a zip of its uploads stored beside the file (ImportQueue.UploadsOf), and/or
    // the old site's addresses.
    public bool WithUploads { get; set; }
    public bool FetchMedia { get; set; }

    public void Start() => Status = ImportJobStatus.Running;

    public void Succeed(string report, DateTime at)
    {
        Status = ImportJobStatus.Done;
        Report = report;
        FinishedAt = at;
    }

    public void Fail(string error, DateTime at)
    {
        Status = ImportJobStatus.Failed;
        Error = error.Length > ErrorMaxLength ? error[..ErrorMaxLength] : error;
        FinishedAt = at;
    }
}

public sealed class ImportJobConfiguration : IEntityTypeConfiguration<ImportJob>
{
    public void Configure(EntityTypeBuilder<ImportJob> builder)
    {
        builder.Property(j => j.FileName).HasMaxLength(ImportJob.FileNameMaxLength);
        builder.Property(j => j.Node).HasMaxLength(200);
        builder.Property(j => j.Error).HasMaxLength(ImportJob.ErrorMaxLength);
        builder.HasIndex(j => new { j.BlogId, j.CreatedAt });
        builder.HasOne<Blog>().WithMany().HasForeignKey(j => j.BlogId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Storage.QalamUser>().WithMany().HasForeignKey(j => j.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
