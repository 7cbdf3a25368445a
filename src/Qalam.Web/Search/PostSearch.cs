using Microsoft.EntityFrameworkCore;
using Qalam.Posts;
using Qalam.Storage;
using Qalam.Text;

namespace Qalam.Search;

public sealed record SearchHit(int Id, string Title, string Slug, string Language, DateTime PublishedAt, string Snippet, double Score);

// Search over a blog's visible posts: every query word (folded as similar posts fold them: Arabic letter forms,
// digits, diacritics, ZWNJ) must occur in the title, tags or text of a post, as the start of a word or, for a name
// spelled another way or in the other script, with the same phonetic key (Hafiz finds Hafez and حافظ). Hits are
// ranked by where and how often the words occur. It reads the blog's visible posts for each query, which is fine
// for blogs of a few thousand posts; an index that scales is the next step of the search issue.
public sealed class PostSearch(QalamDb db)
{
    public const int MaxQueryLength = 200;
    private const int SnippetRadius = 90;

    public static IReadOnlyList<string> QueryWords(string query) => TextFolding.Words(query).Distinct().Take(10).ToList();

    public async Task<(List<SearchHit> Hits, int Total)> SearchAsync(int blogId, string query, DateTime now, int page, int pageSize,
        CancellationToken cancellationToken)
    {
        var words = QueryWords(query).Select(w => new QueryWord(w, TextFolding.PhoneticKey(w))).ToList();
        if (words.Count == 0)
        {
            return ([], 0);
        }
        var hits = new List<SearchHit>();
        await foreach (var post in db.Posts.AsNoTracking().Where(p => p.BlogId == blogId).Where(Post.VisibleAt(now))
            .Select(p => new { p.Id, p.Title, p.Slug, p.Language, p.PublishedAt, p.BodyHtml, Tags = p.Tags.Select(t => t.Name).ToList() })
            .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var text = MarkdownRenderer.PlainText(post.BodyHtml);
            var title = TextFolding.Words(post.Title).ToList();
            var tags = post.Tags.SelectMany(TextFolding.Words).ToList();
            var body = TextFolding.Words(text).ToList();
            double score = 0;
            var all = true;
            foreach (var word in words)
            {
                var found = 5 * Matches(title, word) + 3 * Matches(tags, word) + Math.Log(1 + Matches(body, word));
                if (found == 0)
                {
                    all = false;
                    break;
                }
                score += found;
            }
            if (all)
            {
                hits.Add(new SearchHit(post.Id, post.Title, post.Slug, post.Language, post.PublishedAt!.Value, Snippet(text, words), score));
            }
        }
        var ranked = hits.OrderByDescending(h => h.Score).ThenByDescending(h => h.PublishedAt).ToList();
        return ([.. ranked.Skip((page - 1) * pageSize).Take(pageSize)], ranked.Count);
    }

    private sealed record QueryWord(string Folded, string? Key)
    {
        public bool Matches(string word) =>
            word.StartsWith(Folded, StringComparison.Ordinal) || Key is not null && TextFolding.PhoneticKey(word) == Key;
    }

    // Words that only sound alike count half as much as the words typed.
    private static double Matches(List<string> words, QueryWord query) =>
        words.Sum(w => w.StartsWith(query.Folded, StringComparison.Ordinal) ? 1.0 : query.Matches(w) ? 0.5 : 0);

    // Plain text around the first place a query word occurs.
    private static string Snippet(string text, List<QueryWord> words)
    {
        text = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var at = -1;
        foreach (var match in SearchHighlighter.Words(text))
        {
            if (words.Any(w => w.Matches(match.Folded)))
            {
                at = match.Start;
                break;
            }
        }
        if (at < 0)
        {
            return text.Length <= 2 * SnippetRadius ? text : text[..(2 * SnippetRadius)].TrimEnd() + "…";
        }
        var start = Math.Max(0, at - SnippetRadius);
        var end = Math.Min(text.Length, at + SnippetRadius);
        // Cut at spaces, not inside a word.
        if (start > 0 && text.IndexOf(' ', start) is var space and >= 0 && space < at)
        {
            start = space + 1;
        }
        if (end < text.Length && text.LastIndexOf(' ', end) is var last && last > at)
        {
            end = last;
        }
        return (start > 0 ? "…" : "") + text[start..end].Trim() + (end < text.Length ? "…" : "");
    }
}
