using System.Text.RegularExpressions;
using Qalam.Text;

namespace Qalam.Search;

public sealed record TextSegment(string Text, bool Match);

// Splits a snippet into the words a query matched and the text between, so the page can mark them without ever
// treating the snippet as HTML.
public static partial class SearchHighlighter
{
    public sealed record WordAt(int Start, int Length, string Folded);

    public static IEnumerable<WordAt> Words(string text)
    {
        foreach (Match match in Word().Matches(text))
        {
            var folded = string.Concat(TextFolding.Words(match.Value));
            if (folded.Length > 0)
            {
                yield return new WordAt(match.Index, match.Length, folded);
            }
        }
    }

    public static List<TextSegment> Segments(string snippet, string query)
    {
        var words = PostSearch.QueryWords(query).Select(w => (Folded: w, Key: TextFolding.PhoneticKey(w))).ToList();
        var segments = new List<TextSegment>();
        var last = 0;
        foreach (var word in Words(snippet))
        {
            if (!words.Any(w => word.Folded.StartsWith(w.Folded, StringComparison.Ordinal) || w.Key is not null && TextFolding.PhoneticKey(word.Folded) == w.Key))
            {
                continue;
            }
            if (word.Start > last)
            {
                segments.Add(new TextSegment(snippet[last..word.Start], false));
            }
            segments.Add(new TextSegment(snippet.Substring(word.Start, word.Length), true));
            last = word.Start + word.Length;
        }
        if (last < snippet.Length)
        {
            segments.Add(new TextSegment(snippet[last..], false));
        }
        return segments;
    }

    // A word: letters, marks and digits, with the zero-width non-joiner that joins Persian word parts.
    [GeneratedRegex(@"[\p{L}\p{Mn}\p{Nd}\u200C]+")]
    private static partial Regex Word();
}
