using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using DiffPlex;
using DiffPlex.Chunkers;

namespace Qalam.Posts;

public sealed record RevisionComparison(string Html, int WordsAdded, int WordsRemoved);

// Word-level difference between two texts (DiffPlex), as HTML: removed words in <del>, added ones in <ins>, the rest
// as it was. Line breaks are kept, so the page can give each line the direction of its own first letter.
public static class RevisionDiff
{
    // Encodes what HTML needs and leaves Persian letters as they are.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    // Words end at spaces, line breaks and punctuation, Persian punctuation included; the separators are pieces too.
    private static readonly DelimiterChunker Words = new([' ', '\t', '\n', '.', ',', '!', '?', ';', ':', '(', ')', '«', '»', '"', '،', '؛', '؟']);

    public static RevisionComparison Compare(string older, string newer)
    {
        var result = Differ.Instance.CreateDiffs(Normalize(older), Normalize(newer), ignoreWhiteSpace: false, ignoreCase: false, Words);
        var html = new StringBuilder();
        int added = 0, removed = 0, a = 0;
        foreach (var block in result.DiffBlocks)
        {
            for (; a < block.DeleteStartA; a++)
            {
                html.Append(Encode(result.PiecesOld[a]));
            }
            removed += Append(html, "del", result.PiecesOld, block.DeleteStartA, block.DeleteCountA);
            added += Append(html, "ins", result.PiecesNew, block.InsertStartB, block.InsertCountB);
            a = block.DeleteStartA + block.DeleteCountA;
        }
        for (; a < result.PiecesOld.Count; a++)
        {
            html.Append(Encode(result.PiecesOld[a]));
        }
        return new RevisionComparison(html.ToString(), added, removed);
    }

    public static int CountWords(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Count(w => w.Any(char.IsLetterOrDigit));

    private static int Append(StringBuilder html, string element, IReadOnlyList<string> pieces, int start, int count)
    {
        if (count == 0)
        {
            return 0;
        }
        var text = string.Concat(pieces.Skip(start).Take(count));
        // A change that spans lines is marked line by line, so each line keeps its own direction.
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                html.Append('\n');
            }
            if (lines[i].Length > 0)
            {
                html.Append('<').Append(element).Append('>').Append(Encode(lines[i])).Append("</").Append(element).Append('>');
            }
        }
        return CountWords(text);
    }

    // The encoder would write line breaks as character references; they are kept as they are.
    private static string Encode(string text) => string.Join('\n', text.Split('\n').Select(Encoder.Encode));

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);
}
