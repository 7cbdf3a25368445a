namespace Qalam.Similar;

public enum TermFrequency
{
    // tf / (tf + 1.2), BM25's saturation.
    Saturating,

    // 1 + ln tf, the textbook sublinear weight.
    Logarithmic,
}

public enum NameKeyScope
{
    // Phonetic keys for capitalized Latin words and every Persian content word.
    PersianWordsAndLatinNames,

    // Keys for capitalized Latin words only.
    Names,

    None,
}

// The choices ranking makes. The defaults are what Qalam ships; docs/relevance.md measures each against the
// alternatives (bench/Qalam.Relevance varies them), so they are knobs only for the evaluation.
public sealed record RankingOptions
{
    public static readonly RankingOptions Default = new();

    public TermFrequency TermFrequency { get; init; } = TermFrequency.Logarithmic;

    // idf = ln(1 + N/df) raised to this power: 0.5 softens it (rare words count less against a subject's common ones).
    public double IdfPower { get; init; } = 0.5;

    public NameKeyScope NameKeys { get; init; } = NameKeyScope.PersianWordsAndLatinNames;

    // How much the writing-style term counts beside the subject (0: not at all, and the profiles are not made). Off:
    // it helps a collection labelled by genre (Brown) and hurts long articles of one site (docs/relevance.md).
    public double StyleWeight { get; init; }

    // The zero-width non-joiner read as a word break (می‌شود → می شود, کتاب‌ها → کتاب ها), instead of joining the parts.
    public bool SplitAtNonJoiner { get; init; } = true;

    // Terms in more than this share of the blog's posts keep a hundredth of their weight (1: none is so reduced); the
    // textbook skips them, which leaves a blog whose every post shares its words without lists.
    public double MaxDocumentShare { get; init; } = 0.25;

    // Words (stems) shorter than this are left out. 3, and a title counted once, were chosen together on the tuning
    // collections (docs/relevance.md, "Which change moved which figure").
    public int MinWordLength { get; init; } = 3;

    // How many times a title word counts against a body word.
    public int TitleWeight { get; init; } = 1;

    // The weight of the share of first neighbours two posts have in common (0: not used), and how many count.
    public double SharedNeighbours { get; init; } = 0.3;

    public int SharedNeighbourCount { get; init; } = 20;
}

public sealed record RankingText(int Id, string Title, string Body, string Language, IReadOnlyList<string> Tags);

// Ranks posts against each other in memory, as a full rebuild does, without a database: what the relevance evaluation
// calls, so that it measures the shipped code path.
public static class SimilarRanking
{
    public static Dictionary<int, List<(int Id, double Score)>> RankAll(IEnumerable<RankingText> posts, RankingOptions? options = null, int take = SimilarModel.Stored)
    {
        options ??= RankingOptions.Default;
        var vocabulary = new SimilarVocabulary();
        var tags = new SimilarVocabulary();
        var documents = new List<SimilarDocument>();
        foreach (var post in posts)
        {
            var document = PostTerms.Of(post.Title, post.Body, post.Language, post.Tags, options).ToDocument(post.Id, vocabulary, tags);
            foreach (var id in document.Terms)
            {
                vocabulary.Seen(id);
            }
            documents.Add(document);
        }
        var model = new SimilarModel(documents, vocabulary, tags, DateTime.UtcNow, options);
        return model.RankAllLists(take);
    }
}
