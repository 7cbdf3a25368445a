using System.Collections.Frozen;
using Qalam.Text;

namespace Qalam.Similar;

// How a post is written, as against what it is about: how often it uses each function word (the, of, she, would;
// و، که، را، می), the words the subject terms leave out. A story, a report, a review and a how-to differ in these
// whatever their subject, which is why stylometry compares texts this way. Kept as the square roots of the relative
// frequencies scaled to unit length (Hellinger's form, so common words do not drown the rest), sparse, sorted by the
// word's index in the function-word list. Count is how many function words the text had: what the profile rests on.
internal sealed record WritingStyle(short[] Words, float[] Weights, int Count)
{
    private static readonly string[] FunctionWords = [.. TextFolding.FunctionWords.Order(StringComparer.Ordinal)];
    private static readonly FrozenDictionary<string, short> Index =
        FunctionWords.Select((word, i) => (word, i)).ToFrozenDictionary(p => p.word, p => (short)p.i, StringComparer.Ordinal);

    // A profile says little until it rests on a few hundred function words (stylometry asks for thousands of words
    // to name an author): a post's style counts for Count / (Count + 200) of a long one's. 200 function words are
    // about 500 words of English prose; a text in a language whose function words we do not know counts for little.
    private const double FunctionWordsForHalfWeight = 200;

    public static int Dimensions => FunctionWords.Length;

    // No profile: what posts get when the style term is off (RankingOptions.StyleWeight 0).
    public static readonly WritingStyle None = new([], [], 0);

    // `words` as TextFolding.Words gives them.
    public static WritingStyle Of(IEnumerable<string> words)
    {
        var counts = new int[FunctionWords.Length];
        var found = 0;
        var total = 0;
        foreach (var word in words)
        {
            if (Index.TryGetValue(word, out var i))
            {
                found += counts[i]++ == 0 ? 1 : 0;
                total++;
            }
        }
        // Relative frequency's square root, then unit length: the words' total cancels out in the scaling.
        var indices = new short[found];
        var weights = new float[found];
        var norm = Math.Sqrt(total);
        for (int i = 0, k = 0; k < found; i++)
        {
            if (counts[i] > 0)
            {
                indices[k] = (short)i;
                weights[k++] = (float)(Math.Sqrt(counts[i]) / norm);
            }
        }
        return new WritingStyle(indices, weights, total);
    }

    public long Bytes => Words.Length * 6L + 40;

    public double Cosine(WritingStyle other)
    {
        var sum = 0.0;
        for (int i = 0, j = 0; i < Words.Length && j < other.Words.Length;)
        {
            if (Words[i] == other.Words[j])
            {
                sum += (double)Weights[i++] * other.Weights[j++];
            }
            else if (Words[i] < other.Words[j])
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

    // How far the two styles can be trusted together, from 0 (no function words) towards 1 (long texts).
    public double Reliability(WritingStyle other) =>
        Math.Sqrt(Count / (Count + FunctionWordsForHalfWeight) * (other.Count / (other.Count + FunctionWordsForHalfWeight)));
}

// What "alike" means for the writing styles of one blog's posts in one language: the cosine two of its posts have
// on average (the squared length of their mean style). Two posts that write more alike than that gain, less alike
// lose; posts in different languages share no function words, so their styles are not compared at all.
internal sealed class TypicalStyles
{
    private readonly Dictionary<string, double> _typical;

    public TypicalStyles(IEnumerable<(string Language, WritingStyle Style)> posts)
    {
        var sums = new Dictionary<string, (double[] Sum, int Count)>(StringComparer.Ordinal);
        foreach (var (language, style) in posts)
        {
            if (style.Words.Length == 0)
            {
                continue;
            }
            if (!sums.TryGetValue(language, out var entry))
            {
                entry = (new double[WritingStyle.Dimensions], 0);
            }
            for (var k = 0; k < style.Words.Length; k++)
            {
                entry.Sum[style.Words[k]] += style.Weights[k];
            }
            sums[language] = (entry.Sum, entry.Count + 1);
        }
        // The mean of a·b over pairs of different posts: (Σa)·(Σa) counts each post with itself once (a·a = 1).
        _typical = sums.Where(s => s.Value.Count > 1).ToDictionary(
            s => s.Key, s => (s.Value.Sum.Sum(x => x * x) - s.Value.Count) / ((double)s.Value.Count * (s.Value.Count - 1)), StringComparer.Ordinal);
    }

    // What the styles of two posts add to their similarity: nothing across languages.
    public double Bonus(string languageA, WritingStyle a, string languageB, WritingStyle b) =>
        languageA == languageB && _typical.TryGetValue(languageA, out var typical) && a.Words.Length > 0 && b.Words.Length > 0
            ? a.Reliability(b) * (a.Cosine(b) - typical)
            : 0;
}
