using Microsoft.EntityFrameworkCore;
using Qalam.Blogs;
using Qalam.Storage;

namespace Qalam.Posts;

public static class PostQuota
{
    // The blog's post limit and how many posts it holds (drafts, scheduled ones and the trash count: a post
    // in the trash still takes its room until it is purged); null when it has no limit.
    public static async Task<Quota?> PostsAsync(this BlogQuotas quotas, QalamDb db, int blogId, CancellationToken cancellationToken) =>
        await quotas.PostLimitAsync(blogId, cancellationToken) is { } limit
            ? new Quota(limit, await db.Posts.IgnoreQueryFilters().CountAsync(p => p.BlogId == blogId, cancellationToken))
            : null;
}
