using Qalam.Text;

namespace Qalam.Similar;

// What ranking reads of a post: the stems of its title, body and tags (counted twice) with their counts,
// the phonetic keys of the names in it, its tags, its language and (when the style term is on) how it is written.
internal sealed record PostTerms(Dictionary<string, int> Counts, IReadOnlyList<string> Tags, string Language, WritingStyle Style)
{
    public static PostTerms Of(string title, string body, string language, IReadOnlyList<string> tags, RankingOptions? options = null)
    {
        options ??= RankingOptions.Default;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        void Add(IEnumerable<string> words, int weight)
        {
            foreach (var word in words)
            {
                counts[word] = counts.GetValueOrDefault(word) + weight;
            }
        }
        if (options.SplitAtNonJoiner)
        {
            title = title.Replace('\u200C', ' ');
            body = body.Replace('\u200C', ' ');
        }
        // Folded once: the stems and the writing style come from the same words.
        var titleWords = TextFolding.Words(title).ToList();
        var bodyWords = TextFolding.Words(body).ToList();
        IEnumerable<string> Stems(IEnumerable<string> words) => TextFolding.Stems(words).Where(w => w.Length >= options.MinWordLength);
        Add(Stems(titleWords), options.TitleWeight);
        Add(Stems(bodyWords), 1);
        Add(tags.SelectMany(t => Stems(TextFolding.Words(t))), 2);
        // Names across spellings and scripts meet through their sound; "~" keeps keys apart from words.
        if (options.NameKeys != NameKeyScope.None)
        {
            var persian = options.NameKeys == NameKeyScope.PersianWordsAndLatinNames;
            Add(TextFolding.NameKeys(title, persian).Select(k => "~" + k), options.TitleWeight);
            Add(TextFolding.NameKeys(body, persian).Select(k => "~" + k), 1);
        }
        return new PostTerms(counts, tags, language, options.StyleWeight > 0 ? WritingStyle.Of(titleWords.Concat(bodyWords)) : WritingStyle.None);
    }

    // Term ids from the blog's vocabulary (new terms get new ids); counts stay counts until the model weighs them.
    public SimilarDocument ToDocument(int postId, SimilarVocabulary vocabulary, SimilarVocabulary tagVocabulary)
    {
        var terms = Counts.Select(c => (Id: vocabulary.IdOf(c.Key, isKey: c.Key[0] == '~'), Count: c.Value)).OrderBy(t => t.Id).ToArray();
        return new SimilarDocument(postId, [.. terms.Select(t => t.Id)], [.. terms.Select(t => (float)t.Count)],
            [.. Tags.Select(t => tagVocabulary.IdOf(t, isKey: false)).Distinct().Order()], Language, Style);
    }
}
