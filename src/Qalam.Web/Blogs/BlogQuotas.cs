using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Qalam.Storage;

namespace Qalam.Blogs;

public sealed class QuotaOptions
{
    public const string Section = "Quotas";

    // Defaults for blogs the operator set no quota for; empty means no limit.
    [Range(1, int.MaxValue)]
    public int? Posts { get; set; }

    [Range(1, 10_000_000)]
    public int? MediaMegabytes { get; set; }
}

public sealed record Quota(long Limit, long Used)
{
    public bool AllowsAnother(long size = 1) => Used + size <= Limit;
}

// How much a blog may hold: its own limits, else the install's defaults (null: no limit). Each feature counts what it
// holds against them (PostQuota, MediaQuota) when something is added, so two additions racing at the very edge may
// both pass; the limit is a fair-use fence, not an accounting ledger.
public sealed class BlogQuotas(QalamDb db, IOptions<QuotaOptions> options)
{
    public async Task<long?> PostLimitAsync(int blogId, CancellationToken cancellationToken) =>
        await db.Blogs.AsNoTracking().Where(b => b.Id == blogId).Select(b => b.PostQuota).SingleAsync(cancellationToken) ?? options.Value.Posts;

    public async Task<long?> MediaBytesLimitAsync(int blogId, CancellationToken cancellationToken) =>
        await db.Blogs.AsNoTracking().Where(b => b.Id == blogId).Select(b => b.MediaQuotaBytes).SingleAsync(cancellationToken)
            ?? (long?)options.Value.MediaMegabytes * 1024 * 1024;
}
