using Microsoft.EntityFrameworkCore;
using Qalam.Posts;
using Qalam.Storage;
using Qalam.Text;

namespace Qalam.Search;

public sealed record SearchHit(int Id, string Title, string Slug, string Language, DateTime PublishedAt, string Snippet, double Score);

// Search over a blog's visible posts through this node's index (SearchIndex): every query word (folded as similar
// posts fold them: Arabic letter forms, digits, diacritics, ZWNJ) must occur in the title, tags or text of a post, as
// a word or the start of one, or, for a name spelled another way or in the other script, with the same phonetic key
// (Hafiz finds Hafez and حافظ). The index is brought up to date first when anything changed; a post deleted or
// trashed since (the index finds those in its background round) is left out of the page by one look at the database.
public sealed class PostSearch(SearchIndex index, QalamDb db)
{
    public const int MaxQueryLength = 200;
    private const int SnippetRadius = 90;

    public static IReadOnlyList<string> QueryWords(string query) => TextFolding.Words(query).Distinct().Take(10).ToList();

    public async Task<(List<SearchHit> Hits, int Total)> SearchAsync(int blogId, string query, DateTime now, int page, int pageSize,
        CancellationToken cancellationToken)
    {
        var folded = QueryWords(query);
        if (folded.Count == 0)
        {
            return ([], 0);
        }
        await index.CatchUpIfStaleAsync(cancellationToken);
        var words = folded.Select(w => new QueryWord(w, TextFolding.PhoneticKey(w))).ToList();
        var (found, total) = index.Search(blogId, folded, now, PageOfRows.Skip(page, pageSize), pageSize);
        var ids = found.Select(f => f.Id).ToList();
        var published = ids.Count == 0 ? [] : (await StillPublished(db, ids).ToListAsync(cancellationToken)).ToHashSet();
        return ([.. found.Where(f => published.Contains(f.Id))
            .Select(f => new SearchHit(f.Id, f.Title, f.Slug, f.Language, f.PublishedAt, Snippet(f.Text, words), f.Score))], total);
    }

    // Which of a page's hits are still published (not deleted, trashed or unpublished since the index last looked).
    internal static IQueryable<int> StillPublished(QalamDb db, List<int> ids) =>
        db.Posts.AsNoTracking().Where(p => ids.Contains(p.Id) && p.Status == PostStatus.Published).Select(p => p.Id);

    private sealed record QueryWord(string Folded, string? Key)
    {
        public bool Matches(string word) =>
            word.StartsWith(Folded, StringComparison.Ordinal) || Key is not null && TextFolding.PhoneticKey(word) == Key;
    }

    // Plain text around the first place a query word occurs.
    private static string Snippet(string text, List<QueryWord> words)
    {
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
