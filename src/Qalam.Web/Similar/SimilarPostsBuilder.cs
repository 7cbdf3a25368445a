using Microsoft.EntityFrameworkCore;
using Qalam.Blogs;
using Qalam.Posts;
using Qalam.Storage;

namespace Qalam.Similar;

// Ranks every published post of a blog against the others (scheduled posts take part too; the page filters by
// visibility when it reads the list). A post is a TF-IDF vector over the stems of its title, body and tags (counted
// twice), plus phonetic name keys (PostTerms); similarity is the cosine plus a bonus for shared tags, then the share of
// first neighbours two posts have in common (SimilarModel; the choices are RankingOptions).
// docs/relevance.md measures it. A full rebuild keeps its model on this node (SimilarModels), so that a single changed
// post is then ranked, and written with the lists it enters, in milliseconds (UpdatePostAsync).
public sealed class SimilarPostsBuilder(QalamDb db, SimilarModels models, TimeProvider time)
{
    public const int Stored = SimilarModel.Stored;
    private const int SaveBatch = 5_000;

    public async Task RebuildBlogAsync(int blogId, CancellationToken cancellationToken) =>
        await WriteAsync(await RankBlogAsync(blogId, cancellationToken), cancellationToken);

    // A full rebuild's two steps, apart so that tests can make two rebuilds overlap as two nodes' do: the blog read
    // and ranked (minutes at 100,000 posts, no lock held), then the lists written.
    internal sealed record Ranked(int BlogId, BlogState State, SimilarModel Model, List<SimilarPost> Rows);

    internal async Task<Ranked> RankBlogAsync(int blogId, CancellationToken cancellationToken)
    {
        var state = await StateAsync(blogId, cancellationToken);
        var builtAt = time.GetUtcNow().UtcDateTime;
        // Posts are read one at a time and kept only as term ids and weights: a blog's text is never all in memory.
        var vocabulary = new SimilarVocabulary();
        var tagIds = new SimilarVocabulary();
        var documents = new List<SimilarDocument>();
        await foreach (var post in db.Posts.AsNoTracking()
            .Where(p => p.BlogId == blogId && p.Status == PostStatus.Published)
            .OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.Title, p.BodyMarkdown, p.Language, Tags = p.Tags.Select(t => t.Slug).ToList() })
            .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var document = PostTerms.Of(post.Title, post.BodyMarkdown, post.Language, post.Tags).ToDocument(post.Id, vocabulary, tagIds);
            foreach (var id in document.Terms)
            {
                vocabulary.Seen(id);
            }
            documents.Add(document);
        }
        var model = new SimilarModel(documents, vocabulary, tagIds, builtAt);
        return new Ranked(blogId, state, model, [.. model.RankAll()]);
    }

    internal async Task WriteAsync(Ranked ranked, CancellationToken cancellationToken)
    {
        var (blogId, model) = (ranked.BlogId, ranked.Model);
        var (written, changed) = await ReplaceAsync(blogId, ranked.State, ranked.Rows, cancellationToken);
        if (!written)
        {
            // A rebuild that read the blog later has written its lists, and ranks what changed after it read. This
            // model is caught up with the posts changed since this one read (not ranked, not written) to serve this
            // node's next saves.
            foreach (var postId in changed)
            {
                await FoldAsync(model, blogId, postId, cancellationToken);
            }
            models.Keep(blogId, model);
            return;
        }
        models.Keep(blogId, model);
        // Posts saved while it ranked (a burst of saves, or another node's) are ranked one by one against the model
        // just made: the lists are written whatever happened meanwhile, and none is left behind.
        foreach (var postId in changed)
        {
            await UpdateWithAsync(model, blogId, postId, cancellationToken);
        }
    }

    // Ranks one post that was written, changed, unpublished or deleted, with this node's model of its blog, and
    // writes its list; it also enters the lists of the posts it now beats, and leaves the lists it was in. Without a
    // usable model (none yet on this node, too old, too many changes) the whole blog is rebuilt instead.
    public async Task UpdatePostAsync(int blogId, int postId, CancellationToken cancellationToken)
    {
        if (models.Usable(blogId) is not { } model)
        {
            await RebuildBlogAsync(blogId, cancellationToken);
            return;
        }
        await UpdateWithAsync(model, blogId, postId, cancellationToken);
    }

    private async Task UpdateWithAsync(SimilarModel model, int blogId, int postId, CancellationToken cancellationToken)
    {
        var document = await FoldAsync(model, blogId, postId, cancellationToken);
        await WritePostAsync(blogId, postId, document is null ? [] : model.Ranked(document, SimilarModel.Candidates), cancellationToken);
    }

    // Tells the model the post as it is now: its new text, or that it is no longer published (then null).
    private async Task<SimilarDocument?> FoldAsync(SimilarModel model, int blogId, int postId, CancellationToken cancellationToken)
    {
        var post = await db.Posts.AsNoTracking()
            .Where(p => p.Id == postId && p.BlogId == blogId && p.Status == PostStatus.Published)
            .Select(p => new { p.Title, p.BodyMarkdown, p.Language, Tags = p.Tags.Select(t => t.Slug).ToList() })
            .SingleOrDefaultAsync(cancellationToken);
        if (post is null)
        {
            model.Remove(postId);
            return null;
        }
        return model.Replace(postId, PostTerms.Of(post.Title, post.BodyMarkdown, post.Language, post.Tags));
    }

    private async Task WritePostAsync(int blogId, int postId, List<(int Id, double Score)> neighbours, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // The same lock as a full rebuild: the two never interleave their deletes and inserts.
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE blogs SET handle = handle WHERE id = {blogId}", ct);
            await db.SimilarPosts.Where(s => s.PostId == postId || s.SimilarPostId == postId).ExecuteDeleteAsync(ct);
            var alive = (await db.Posts.Where(p => p.BlogId == blogId && p.Status == PostStatus.Published && (p.Id == postId || neighbours.Select(n => n.Id).Contains(p.Id)))
                .Select(p => p.Id).ToListAsync(ct)).ToHashSet();
            if (!alive.Contains(postId))
            {
                await transaction.CommitAsync(ct);
                return;
            }
            neighbours = [.. neighbours.Where(n => alive.Contains(n.Id))];
            db.SimilarPosts.AddRange(neighbours.Take(Stored).Select((n, rank) => new SimilarPost(postId, n.Id, rank + 1, Math.Round(n.Score, 6))));

            // Similarity is symmetric: a neighbour whose list is short, or whose weakest entry scores below this post,
            // takes it in, and a full list lets its weakest entry go. One row in and at most one out per list: lists
            // are read by score, so the others need not move (their Rank is the order of the last full rebuild).
            var ids = neighbours.Select(n => n.Id).ToList();
            var lists = await db.SimilarPosts.AsNoTracking().Where(s => ids.Contains(s.PostId))
                .GroupBy(s => s.PostId).Select(g => new { g.Key, Count = g.Count(), Weakest = g.Min(s => s.Score) })
                .ToDictionaryAsync(g => g.Key, ct);
            var entering = neighbours.Select(n => (n.Id, Score: Math.Round(n.Score, 6)))
                .Where(n => !lists.TryGetValue(n.Id, out var list) || list.Count < Stored || n.Score > list.Weakest)
                .ToList();
            var full = entering.Where(n => lists.TryGetValue(n.Id, out var list) && list.Count >= Stored).Select(n => n.Id).ToList();
            var rows = (await db.SimilarPosts.AsNoTracking().Where(s => full.Contains(s.PostId))
                .Select(s => new { s.PostId, s.SimilarPostId, s.Score }).ToListAsync(ct)).ToLookup(s => s.PostId);
            foreach (var (id, score) in entering)
            {
                var list = rows[id].ToList();
                if (list.Count >= Stored)
                {
                    var weakest = list.MinBy(s => (s.Score, -s.SimilarPostId))!;
                    db.SimilarPosts.Remove(new SimilarPost(id, weakest.SimilarPostId, 0, weakest.Score));
                }
                var rank = (lists.TryGetValue(id, out var known) ? known.Count : 0) - list.Count(s => s.Score < score) + 1;
                db.SimilarPosts.Add(new SimilarPost(id, postId, Math.Max(1, rank), score));
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            await transaction.CommitAsync(ct);
        }, cancellationToken);
    }

    // What a rebuild was computed from: the posts changed after it (a later UpdatedAt, or a higher id) are ranked again
    // once its lists are written. Two rebuilds may overlap (a background one and `qalam reindex`, two web nodes).
    internal sealed record BlogState(int Published, DateTime? LastUpdate, int? LastId);

    private Task<BlogState> StateAsync(int blogId, CancellationToken cancellationToken) =>
        db.Blogs.AsNoTracking().Where(b => b.Id == blogId).Select(b => new BlogState(
            db.Set<Post>().Count(p => p.BlogId == blogId && p.Status == PostStatus.Published),
            db.Set<Post>().Where(p => p.BlogId == blogId).Max(p => (DateTime?)p.UpdatedAt),
            db.Set<Post>().Where(p => p.BlogId == blogId).Max(p => (int?)p.Id))).SingleAsync(cancellationToken);

    // Writes the lists of a full rebuild and returns the posts changed since `state` was read (saved while the rebuild
    // ranked, here or on another node): their lists and the lists they enter are the caller's to bring up to date.
    // Lists are written even then, rather than thrown away: under a steady stream of saves a rebuild that gave way
    // to every change would never write anything. It gives way (writes nothing) only to a rebuild that read the blog
    // later and has already written: writing older lists over those would leave every post saved in between without a
    // list until ranked again one by one, seconds to minutes in a burst.
    private async Task<(bool Written, List<int> Changed)> ReplaceAsync(int blogId, BlogState state, List<SimilarPost> rows, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // Rebuilds of one blog may run at once (a background rebuild and `qalam reindex`, or two web nodes).
            // Taking the blog's row lock first makes their delete-and-insert steps run one after the other,
            // on PostgreSQL (row lock) and SQLite (write lock) alike; each then brings the posts changed since it read
            // the blog up to date, so whichever commits last, the lists end current.
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE blogs SET handle = handle WHERE id = {blogId}", ct);
            var alive = (await db.Posts.Where(p => p.BlogId == blogId).Select(p => p.Id).ToListAsync(ct)).ToHashSet();
            var changed = await db.Posts.IgnoreQueryFilters()
                .Where(p => p.BlogId == blogId && (state.LastUpdate == null || p.UpdatedAt > state.LastUpdate || p.Id > (state.LastId ?? 0)))
                .Select(p => p.Id).ToListAsync(ct);
            var last = await db.SimilarBuilds.SingleOrDefaultAsync(b => b.BlogId == blogId, ct);
            if (last?.ReadLaterThan(state.LastUpdate, state.LastId) == true)
            {
                await transaction.CommitAsync(ct);
                db.ChangeTracker.Clear();
                return (false, changed);
            }
            if (last is null)
            {
                db.SimilarBuilds.Add(last = new SimilarBuild(blogId));
            }
            last.Read(state.LastUpdate, state.LastId);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            await db.SimilarPosts.Where(s => db.Set<Post>().Any(p => p.Id == s.PostId && p.BlogId == blogId)).ExecuteDeleteAsync(ct);
            // Saved in batches, each let go of: millions of tracked rows would cost gigabytes.
            foreach (var batch in rows.Where(r => alive.Contains(r.PostId) && alive.Contains(r.SimilarPostId)).Chunk(SaveBatch))
            {
                db.SimilarPosts.AddRange(batch);
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }
            await transaction.CommitAsync(ct);
            return (true, changed);
        }, cancellationToken);
    }
}
