using Microsoft.EntityFrameworkCore;
using Qalam.Posts;
using Qalam.Storage;

namespace Qalam.Similar;

public sealed record SimilarPostLink(int Id, string Title, string Slug, string Language);

public sealed class SimilarPostFinder(QalamDb db)
{
    public const int Shown = 10;

    public Task<List<SimilarPostLink>> FindAsync(int blogId, int postId, DateTime now, CancellationToken cancellationToken) =>
        db.SimilarPosts.AsNoTracking()
            .Where(s => s.PostId == postId)
            .Join(db.Posts.Where(p => p.BlogId == blogId).Where(Post.VisibleAt(now)), s => s.SimilarPostId, p => p.Id,
                (s, p) => new { s.Score, s.Rank, Link = new SimilarPostLink(p.Id, p.Title, p.Slug, p.Language) })
            .OrderByDescending(x => x.Score).ThenBy(x => x.Rank)
            .Take(Shown)
            .Select(x => x.Link)
            .ToListAsync(cancellationToken);
}
