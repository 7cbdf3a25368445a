using Microsoft.EntityFrameworkCore;
using Qalam.Posts;
using Qalam.Storage;
using Qalam.Text;

namespace Qalam.Similar;

// Ranks every published post of a blog against the others (scheduled posts take part too; the page filters by
// visibility when it reads the list). A post is a TF-IDF vector over the stems of its title (counted twice), body and
// tags, plus phonetic name keys; similarity is the cosine plus a bonus for shared tags. docs/relevance.md measures it.
public sealed class SimilarPostsBuilder(QalamDb db)
{
    public const int Stored = 20;
    private const double TagWeight = 0.5;

    // Comparing every pair grows with the square of the blog (10,000 posts took over a minute). Instead each post
    // asks an inverted index with its most telling words and name keys (the way Lucene's MoreLikeThis does), and only
    // the posts that share them, or share a tag, are scored exactly. Terms in more than a tenth of the posts are not
    // used to find candidates (they still count in the exact score).
    private const int QueryTerms = 25;
    private const int QueryKeys = 10;
    private const int Candidates = 200;
    private const int SaveBatch = 5_000;

    public async Task RebuildBlogAsync(int blogId, CancellationToken cancellationToken)
    {
        var state = await StateAsync(blogId, cancellationToken);
        // Posts are read one at a time and kept only as term ids and weights: a blog's text is never all in memory.
        var vocabulary = new Vocabulary();
        var tagIds = new Vocabulary();
        var documents = new List<Document>();
        await foreach (var post in db.Posts.AsNoTracking()
            .Where(p => p.BlogId == blogId && p.Status == PostStatus.Published)
            .OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.Title, p.BodyMarkdown, Tags = p.Tags.Select(t => t.Slug).ToList() })
            .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var counts = TermCounts(post.Title, post.BodyMarkdown, post.Tags);
            var terms = counts.Select(c => (Id: vocabulary.IdOf(c.Key, isKey: c.Key[0] == '~'), Count: c.Value)).OrderBy(t => t.Id).ToArray();
            foreach (var (id, _) in terms)
            {
                vocabulary.Seen(id);
            }
            documents.Add(new Document(post.Id, [.. terms.Select(t => t.Id)], [.. terms.Select(t => (float)t.Count)],
                [.. post.Tags.Select(t => tagIds.IdOf(t, isKey: false)).Distinct().Order()]));
        }
        var rows = Rank(documents, vocabulary);
        await ReplaceAsync(blogId, state, rows, cancellationToken);
    }

    // What a rebuild was computed from. Two rebuilds may overlap (a background one and `qalam reindex`, two web
    // nodes); one that read the blog before a later change must not overwrite lists computed after it.
    private sealed record BlogState(int Published, DateTime? LastUpdate, int? LastId);

    private Task<BlogState> StateAsync(int blogId, CancellationToken cancellationToken) =>
        db.Blogs.AsNoTracking().Where(b => b.Id == blogId).Select(b => new BlogState(
            db.Posts.Count(p => p.BlogId == blogId && p.Status == PostStatus.Published),
            db.Posts.Where(p => p.BlogId == blogId).Max(p => (DateTime?)p.UpdatedAt),
            db.Posts.Where(p => p.BlogId == blogId).Max(p => (int?)p.Id))).SingleAsync(cancellationToken);

    private async Task ReplaceAsync(int blogId, BlogState state, List<SimilarPost> rows, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // Rebuilds of one blog may run at once (a background rebuild and `qalam reindex`, or two web nodes).
            // Taking the blog's row lock first makes their delete-and-insert steps run one after the other,
            // on PostgreSQL (row lock) and SQLite (write lock) alike; of those computed from the same state, the last
            // to commit wins, whole.
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE blogs SET handle = handle WHERE id = {blogId}", ct);
            // The blog changed while this rebuild was computing: its lists would be stale. The change asked for a
            // rebuild of its own, which will read the new state; this one gives way.
            if (await StateAsync(blogId, ct) != state)
            {
                return;
            }
            var alive = (await db.Posts.Where(p => p.BlogId == blogId).Select(p => p.Id).ToListAsync(ct)).ToHashSet();
            await db.SimilarPosts.Where(s => db.Posts.Any(p => p.Id == s.PostId && p.BlogId == blogId)).ExecuteDeleteAsync(ct);
            // Saved in batches, each let go of: millions of tracked rows would cost gigabytes.
            foreach (var batch in rows.Where(r => alive.Contains(r.PostId) && alive.Contains(r.SimilarPostId)).Chunk(SaveBatch))
            {
                db.SimilarPosts.AddRange(batch);
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }
            await transaction.CommitAsync(ct);
        }, cancellationToken);
    }

    // A post as sorted term ids with their weights (counts until weighed), and its sorted tag ids.
    private sealed record Document(int Id, int[] Terms, float[] Weights, int[] Tags);

    private sealed class Vocabulary
    {
        private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);

        public List<int> DocumentFrequency { get; } = [];
        public List<bool> IsKey { get; } = [];

        public int IdOf(string term, bool isKey)
        {
            if (!_ids.TryGetValue(term, out var id))
            {
                _ids[term] = id = _ids.Count;
                DocumentFrequency.Add(0);
                IsKey.Add(isKey);
            }
            return id;
        }

        public void Seen(int id) => DocumentFrequency[id]++;
    }

    private static List<SimilarPost> Rank(List<Document> documents, Vocabulary vocabulary)
    {
        var n = documents.Count;
        var termCount = vocabulary.DocumentFrequency.Count;
        foreach (var document in documents)
        {
            Weigh(document, vocabulary.DocumentFrequency, n);
        }

        // The inverted index in compressed rows: the postings of term t are at [offsets[t], offsets[t + 1]).
        var offsets = new int[termCount + 1];
        foreach (var document in documents)
        {
            foreach (var term in document.Terms)
            {
                offsets[term + 1]++;
            }
        }
        for (var t = 0; t < termCount; t++)
        {
            offsets[t + 1] += offsets[t];
        }
        var postingDocs = new int[offsets[termCount]];
        var postingWeights = new float[offsets[termCount]];
        var fill = (int[])offsets.Clone();
        for (var i = 0; i < n; i++)
        {
            var document = documents[i];
            for (var k = 0; k < document.Terms.Length; k++)
            {
                var at = fill[document.Terms[k]]++;
                postingDocs[at] = i;
                postingWeights[at] = document.Weights[k];
            }
        }
        var tagPostings = new Dictionary<int, List<int>>();
        for (var i = 0; i < n; i++)
        {
            foreach (var tag in documents[i].Tags)
            {
                if (!tagPostings.TryGetValue(tag, out var list))
                {
                    tagPostings[tag] = list = [];
                }
                list.Add(i);
            }
        }

        var commonest = Math.Max(200, n / 10);
        var partial = new double[n];
        var touched = new List<int>();
        var rows = new List<SimilarPost>();
        for (var i = 0; i < n; i++)
        {
            var document = documents[i];
            var usable = Enumerable.Range(0, document.Terms.Length)
                .Where(k => vocabulary.DocumentFrequency[document.Terms[k]] <= commonest)
                .OrderByDescending(k => document.Weights[k]).ThenBy(k => document.Terms[k])
                .ToList();
            // Phonetic keys are rare, so they would crowd words out of the query; they get places of their own.
            foreach (var k in usable.Where(k => !vocabulary.IsKey[document.Terms[k]]).Take(QueryTerms)
                .Concat(usable.Where(k => vocabulary.IsKey[document.Terms[k]]).Take(QueryKeys)))
            {
                var term = document.Terms[k];
                for (var at = offsets[term]; at < offsets[term + 1]; at++)
                {
                    var other = postingDocs[at];
                    if (partial[other] == 0)
                    {
                        touched.Add(other);
                    }
                    partial[other] += document.Weights[k] * postingWeights[at];
                }
            }
            foreach (var tag in document.Tags)
            {
                foreach (var other in tagPostings[tag].Take(commonest))
                {
                    if (partial[other] == 0)
                    {
                        touched.Add(other);
                    }
                    partial[other] += TagWeight / document.Tags.Length;
                }
            }
            rows.AddRange(touched
                .Where(j => j != i)
                .OrderByDescending(j => partial[j]).ThenByDescending(j => documents[j].Id)
                .Take(Candidates)
                .Select(j => (documents[j].Id, Score: Cosine(document, documents[j]) + TagWeight * Jaccard(document.Tags, documents[j].Tags)))
                .Where(r => r.Score > 0)
                .OrderByDescending(r => r.Score).ThenByDescending(r => r.Id)
                .Take(Stored)
                .Select((r, rank) => new SimilarPost(document.Id, r.Id, rank + 1, Math.Round(r.Score, 6))));
            foreach (var j in touched)
            {
                partial[j] = 0;
            }
            touched.Clear();
        }
        return rows;
    }

    private static Dictionary<string, int> TermCounts(string title, string body, IEnumerable<string> tags)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        void Add(IEnumerable<string> words, int weight)
        {
            foreach (var word in words)
            {
                counts[word] = counts.GetValueOrDefault(word) + weight;
            }
        }
        Add(TextFolding.Stems(title), 2);
        Add(TextFolding.Stems(body), 1);
        Add(tags.SelectMany(TextFolding.Stems), 2);
        // Names across spellings and scripts meet through their sound; "~" keeps keys apart from words.
        Add(TextFolding.NameKeys(title).Select(k => "~" + k), 2);
        Add(TextFolding.NameKeys(body).Select(k => "~" + k), 1);
        return counts;
    }

    // Sublinear tf × idf, then scaled to unit length so that the dot product is the cosine.
    private static void Weigh(Document document, List<int> documentFrequency, int n)
    {
        var norm = 0.0;
        for (var k = 0; k < document.Terms.Length; k++)
        {
            var weight = (1 + Math.Log(document.Weights[k])) * Math.Log(1 + (double)n / documentFrequency[document.Terms[k]]);
            document.Weights[k] = (float)weight;
            norm += weight * weight;
        }
        if (norm > 0)
        {
            var length = Math.Sqrt(norm);
            for (var k = 0; k < document.Weights.Length; k++)
            {
                document.Weights[k] = (float)(document.Weights[k] / length);
            }
        }
    }

    // Both vectors are sorted by term id: one pass over the two.
    private static double Cosine(Document a, Document b)
    {
        var sum = 0.0;
        for (int i = 0, j = 0; i < a.Terms.Length && j < b.Terms.Length;)
        {
            if (a.Terms[i] == b.Terms[j])
            {
                sum += (double)a.Weights[i++] * b.Weights[j++];
            }
            else if (a.Terms[i] < b.Terms[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }
        return sum;
    }

    private static double Jaccard(int[] a, int[] b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return 0;
        }
        var shared = 0;
        for (int i = 0, j = 0; i < a.Length && j < b.Length;)
        {
            if (a[i] == b[j])
            {
                shared++;
                i++;
                j++;
            }
            else if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }
        return (double)shared / (a.Length + b.Length - shared);
    }
}
