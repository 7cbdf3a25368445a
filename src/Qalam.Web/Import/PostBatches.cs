using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Qalam.Posts;
using Qalam.Storage;

namespace Qalam.Import;

// A blog's posts with their tags, a few hundred at a time in id order, for exports: never the whole blog at once.
internal static class PostBatches
{
    private const int BatchSize = 200;

    public static async IAsyncEnumerable<List<Post>> ReadAsync(QalamDb db, int blogId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var lastId = 0;
        while (true)
        {
            var batch = await db.Posts.AsNoTracking().Include(p => p.Tags)
                .Where(p => p.BlogId == blogId && p.Id > lastId).OrderBy(p => p.Id).Take(BatchSize)
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                yield break;
            }
            lastId = batch[^1].Id;
            yield return batch;
        }
    }
}
