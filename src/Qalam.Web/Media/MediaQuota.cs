using Microsoft.EntityFrameworkCore;
using Qalam.Blogs;
using Qalam.Storage;

namespace Qalam.Media;

public static class MediaQuota
{
    // The blog's limit on stored media and the bytes its files take, copies included; null when it has no limit.
    public static async Task<Quota?> MediaBytesAsync(this BlogQuotas quotas, QalamDb db, int blogId, CancellationToken cancellationToken) =>
        await quotas.MediaBytesLimitAsync(blogId, cancellationToken) is { } limit
            ? new Quota(limit, await db.MediaFiles.Where(m => m.BlogId == blogId).SumAsync(m => (long?)(m.Size + m.CopiesSize), cancellationToken) ?? 0)
            : null;
}
