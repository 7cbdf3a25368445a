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
        var vectors = Weigh(documents);

        var rows = new List<SimilarPost>();
        for (var i = 0; i < documents.Count; i++)
        {
            var ranked = new List<(int Id, double Score)>();
            for (var j = 0; j < documents.Count; j++)
            {
                if (i == j)
                {
                    continue;
                }
                var score = Cosine(vectors[i], vectors[j]) + TagWeight * Jaccard(documents[i].Tags, documents[j].Tags);
                if (score > 0)
                {
                    ranked.Add((documents[j].Id, score));
                }
            }
            rows.AddRange(ranked
                .OrderByDescending(r => r.Score).ThenByDescending(r => r.Id)
                .Take(Stored)
                .Select((r, rank) => new SimilarPost(documents[i].Id, r.Id, rank + 1, Math.Round(r.Score, 6))));
        }

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
        Add(TextFolding.ContentWords(title), 2);
        Add(TextFolding.ContentWords(body), 1);
        Add(tags.SelectMany(TextFolding.ContentWords), 2);
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
