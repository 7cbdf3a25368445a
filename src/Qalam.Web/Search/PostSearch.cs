using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Qalam.Posts;
using Qalam.Storage;
using Qalam.Text;

namespace Qalam.Search;

public sealed record SearchHit(int Id, string Title, string Slug, string Language, DateTime PublishedAt, string Snippet, double Score);

// A first search: every query word (folded as similar posts fold them: Arabic letter forms, digits, diacritics)
// must occur in the title, tags or body of a visible post; hits are ranked by where and how often the words
// occur. It reads the blog's visible posts for each query, which is fine for blogs of a few thousand posts;
// the search issue replaces it with an index.
public sealed class PostSearch(QalamDb db)
{
    public const int MaxQueryLength = 200;
    private const int SnippetRadius = 80;

    public async Task<(List<SearchHit> Hits, int Total)> SearchAsync(int blogId, string query, DateTime now, int page, int pageSize,
        CancellationToken cancellationToken)
    {
        var words = TextFolding.Words(query).Distinct().Take(10).ToList();
        if (words.Count == 0)
        {
            return ([], 0);
        }
        var posts = await db.Posts.AsNoTracking().Where(p => p.BlogId == blogId).Where(Post.VisibleAt(now))
            .Select(p => new { p.Id, p.Title, p.Slug, p.Language, p.PublishedAt, p.BodyMarkdown, Tags = p.Tags.Select(t => t.Name).ToList() })
            .ToListAsync(cancellationToken);
        var hits = new List<SearchHit>();
        foreach (var post in posts)
        {
            var title = TextFolding.Words(post.Title).ToList();
            var tags = post.Tags.SelectMany(TextFolding.Words).ToHashSet();
            var body = TextFolding.Words(post.BodyMarkdown).ToList();
            double score = 0;
            var all = true;
            foreach (var word in words)
            {
                var inTitle = title.Count(w => w.StartsWith(word, StringComparison.Ordinal));
                var inTags = tags.Count(w => w.StartsWith(word, StringComparison.Ordinal));
                var inBody = body.Count(w => w.StartsWith(word, StringComparison.Ordinal));
                if (inTitle + inTags + inBody == 0)
                {
                    all = false;
                    break;
                }
                score += 5 * inTitle + 3 * inTags + Math.Log(1 + inBody);
            }
            if (all)
            {
                hits.Add(new SearchHit(post.Id, post.Title, post.Slug, post.Language, post.PublishedAt!.Value,
                    Snippet(post.BodyMarkdown, words), score));
            }
        }
        var ranked = hits.OrderByDescending(h => h.Score).ThenByDescending(h => h.PublishedAt).ToList();
        return ([.. ranked.Skip((page - 1) * pageSize).Take(pageSize)], ranked.Count);
    }

    // Plain text around the first place a query word occurs; the caller escapes it and may mark the words.
    private static string Snippet(string markdown, List<string> words)
    {
        var text = Regex.Replace(markdown, @"[#*_`>\[\]()!|-]+", " ");
        text = Regex.Replace(text, @"\s+", " ").Trim();
        var folded = TextFolding.Fold(text);
        var at = words.Select(w => folded.IndexOf(w, StringComparison.Ordinal)).Where(i => i >= 0).DefaultIfEmpty(0).Min();
        // Folding keeps one character per character except removed ones, so positions are close; clamp to be safe.
        at = Math.Min(at, text.Length);
        var start = Math.Max(0, at - SnippetRadius);
        var end = Math.Min(text.Length, at + SnippetRadius);
        return (start > 0 ? "…" : "") + text[start..end].Trim() + (end < text.Length ? "…" : "");
    }
}
