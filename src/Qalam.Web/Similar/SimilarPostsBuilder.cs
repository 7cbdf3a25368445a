using Microsoft.EntityFrameworkCore;
using Qalam.Posts;
using Qalam.Storage;
using Qalam.Text;

namespace Qalam.Similar;

// First ranking: TF-IDF cosine over folded words of title (counted twice), body and tags, plus a bonus for
// shared tags. Scheduled posts take part too; the page filters by visibility when it reads the list.
public sealed class SimilarPostsBuilder(QalamDb db)
{
    public const int Stored = 20;
    private const double TagWeight = 0.5;

    public async Task RebuildBlogAsync(int blogId, CancellationToken cancellationToken)
    {
        var posts = await db.Posts.AsNoTracking()
            .Where(p => p.BlogId == blogId && p.Status == PostStatus.Published)
            .Select(p => new { p.Id, p.Title, p.BodyMarkdown, Tags = p.Tags.Select(t => t.Slug).ToList() })
            .ToListAsync(cancellationToken);

        var documents = posts.Select(p => new Document(p.Id,
            TermCounts(p.Title, p.BodyMarkdown, p.Tags),
            p.Tags.ToHashSet(StringComparer.Ordinal))).ToList();
        var rows = Rank(documents);

        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // Rebuilds of one blog may run at once (a background rebuild and `qalam reindex`, or two web nodes).
            // Taking the blog's row lock first makes their delete-and-insert steps run one after the other,
            // on PostgreSQL (row lock) and SQLite (write lock) alike; the last to commit wins, whole.
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE blogs SET handle = handle WHERE id = {blogId}", ct);
            var alive = (await db.Posts.Where(p => p.BlogId == blogId).Select(p => p.Id).ToListAsync(ct)).ToHashSet();
            await db.SimilarPosts.Where(s => db.Posts.Any(p => p.Id == s.PostId && p.BlogId == blogId)).ExecuteDeleteAsync(ct);
            db.SimilarPosts.AddRange(rows.Where(r => alive.Contains(r.PostId) && alive.Contains(r.SimilarPostId)));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
        }, cancellationToken);
    }

    private sealed record Document(int Id, Dictionary<string, int> Terms, HashSet<string> Tags);

    // Comparing every pair grows with the square of the blog (10,000 posts took over a minute). Instead each post
    // asks an inverted index with its most telling terms (the way Lucene's MoreLikeThis does), and only the posts
    // that share them, or share a tag, are scored exactly. Terms in more than a tenth of the posts are not used to
    // find candidates (they still count in the exact score).
    private const int QueryTerms = 25;
    private const int QueryKeys = 10;
    private const int Candidates = 200;

    private static List<SimilarPost> Rank(List<Document> documents)
    {
        var vectors = Weigh(documents);
        var n = documents.Count;
        var postings = new Dictionary<string, List<(int Doc, double Weight)>>(StringComparer.Ordinal);
        var tagPostings = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < n; i++)
        {
            foreach (var (term, weight) in vectors[i])
            {
                if (!postings.TryGetValue(term, out var list))
                {
                    postings[term] = list = [];
                }
                list.Add((i, weight));
            }
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
            var usable = vectors[i].Where(t => postings[t.Key].Count <= commonest)
                .OrderByDescending(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal).ToList();
            // Phonetic keys are rare, so they would crowd words out of the query; they get places of their own.
            foreach (var (term, weight) in usable.Where(t => t.Key[0] != '~').Take(QueryTerms)
                .Concat(usable.Where(t => t.Key[0] == '~').Take(QueryKeys)))
            {
                foreach (var (doc, other) in postings[term])
                {
                    if (partial[doc] == 0)
                    {
                        touched.Add(doc);
                    }
                    partial[doc] += weight * other;
                }
            }
            foreach (var tag in documents[i].Tags)
            {
                foreach (var doc in tagPostings[tag].Take(commonest))
                {
                    if (partial[doc] == 0)
                    {
                        touched.Add(doc);
                    }
                    partial[doc] += TagWeight / Math.Max(1, documents[i].Tags.Count);
                }
            }
            var ranked = touched
                .Where(j => j != i)
                .OrderByDescending(j => partial[j]).ThenByDescending(j => documents[j].Id)
                .Take(Candidates)
                .Select(j => (Id: documents[j].Id, Score: Cosine(vectors[i], vectors[j]) + TagWeight * Jaccard(documents[i].Tags, documents[j].Tags)))
                .Where(r => r.Score > 0)
                .OrderByDescending(r => r.Score).ThenByDescending(r => r.Id)
                .Take(Stored)
                .Select((r, rank) => new SimilarPost(documents[i].Id, r.Id, rank + 1, Math.Round(r.Score, 6)));
            rows.AddRange(ranked);
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

    private static List<Dictionary<string, double>> Weigh(List<Document> documents)
    {
        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var term in documents.SelectMany(d => d.Terms.Keys))
        {
            documentFrequency[term] = documentFrequency.GetValueOrDefault(term) + 1;
        }
        var n = documents.Count;
        return documents.Select(d =>
        {
            var vector = d.Terms.ToDictionary(t => t.Key,
                t => (1 + Math.Log(t.Value)) * Math.Log(1 + (double)n / documentFrequency[t.Key]), StringComparer.Ordinal);
            var norm = Math.Sqrt(vector.Values.Sum(v => v * v));
            return norm == 0 ? vector : vector.ToDictionary(v => v.Key, v => v.Value / norm, StringComparer.Ordinal);
        }).ToList();
    }

    private static double Cosine(Dictionary<string, double> a, Dictionary<string, double> b)
    {
        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        var sum = 0.0;
        foreach (var (term, weight) in small)
        {
            if (large.TryGetValue(term, out var other))
            {
                sum += weight * other;
            }
        }
        return sum;
    }

    private static double Jaccard(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }
        var shared = a.Count(b.Contains);
        return (double)shared / (a.Count + b.Count - shared);
    }
}
