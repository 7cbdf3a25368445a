namespace Qalam.Similar;

// A post as sorted term ids with their weights (counts until weighed), its sorted tag ids, its language and how it
// is written.
internal sealed record SimilarDocument(int Id, int[] Terms, float[] Weights, int[] Tags, string Language, WritingStyle Style);

internal sealed class SimilarVocabulary
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);

    public List<int> DocumentFrequency { get; } = [];
    public List<bool> IsKey { get; } = [];
    public int Count => DocumentFrequency.Count;

    public int IdOf(string term, bool isKey)
    {
        if (!_ids.TryGetValue(term, out var id))
        {
            _ids[term] = id = _ids.Count;
            DocumentFrequency.Add(0);
            IsKey.Add(isKey);
        }
        return id;
    }

    public void Seen(int id) => DocumentFrequency[id]++;
}

// One blog's posts as TF-IDF vectors with an inverted index over them: what a full rebuild computes, kept on this
// node afterwards so that one changed post can be ranked against the others in milliseconds. Posts changed since the
// build sit in a small overlay (compared one by one) and their old vectors are marked dead; the statistics (document
// frequencies, the number of posts) stay those of the build until the next full rebuild replaces the model.
// Not thread-safe: SimilarRebuilder uses a model from one thread at a time.
internal sealed class SimilarModel
{
    public const int Stored = 20;
    private const double TagWeight = 0.5;

    // Comparing every pair grows with the square of the blog (10,000 posts took over a minute). Instead each post
    // asks the inverted index with its most telling words and name keys (the way Lucene's MoreLikeThis does), and only
    // the posts that share them, or share a tag, are scored exactly. Terms in more than a tenth of the posts are not
    // used to find candidates (they still count in the exact score).
    private const int QueryTerms = 25;
    private const int QueryKeys = 10;
    public const int Candidates = 200;

    private readonly SimilarVocabulary _vocabulary;
    private readonly SimilarVocabulary _tagVocabulary;
    private readonly List<SimilarDocument> _documents;
    private readonly Dictionary<int, int> _positions;
    private readonly bool[] _dead;
    private readonly int _baseTerms;
    private readonly int[] _offsets;
    private readonly int[] _postingDocs;
    private readonly float[] _postingWeights;
    private readonly Dictionary<int, List<int>> _tagPostings = [];
    private readonly Dictionary<int, SimilarDocument> _overlay = [];
    private readonly Dictionary<int, int[]> _firsts = [];
    private readonly double[] _partial;
    private readonly List<int> _touched = [];
    private readonly int _n;
    private readonly int _commonest;
    private readonly TypicalStyles _styles;
    private readonly RankingOptions _options;

    public SimilarModel(List<SimilarDocument> documents, SimilarVocabulary vocabulary, SimilarVocabulary tags, DateTime builtAt, RankingOptions? options = null)
    {
        _options = options ?? RankingOptions.Default;
        _documents = documents;
        _vocabulary = vocabulary;
        _tagVocabulary = tags;
        BuiltAt = builtAt;
        _n = documents.Count;
        _commonest = Math.Max(200, _n / 10);
        _baseTerms = vocabulary.Count;
        foreach (var document in documents)
        {
            Weigh(document);
        }
        _styles = new TypicalStyles(documents.Select(d => (d.Language, d.Style)));
        _positions = new Dictionary<int, int>(_n);
        for (var i = 0; i < _n; i++)
        {
            _positions[documents[i].Id] = i;
        }
        _dead = new bool[_n];
        _partial = new double[_n];

        // The inverted index in compressed rows: the postings of term t are at [offsets[t], offsets[t + 1]).
        _offsets = new int[_baseTerms + 1];
        foreach (var document in documents)
        {
            foreach (var term in document.Terms)
            {
                _offsets[term + 1]++;
            }
        }
        for (var t = 0; t < _baseTerms; t++)
        {
            _offsets[t + 1] += _offsets[t];
        }
        _postingDocs = new int[_offsets[_baseTerms]];
        _postingWeights = new float[_offsets[_baseTerms]];
        var fill = (int[])_offsets.Clone();
        for (var i = 0; i < _n; i++)
        {
            var document = documents[i];
            for (var k = 0; k < document.Terms.Length; k++)
            {
                var at = fill[document.Terms[k]]++;
                _postingDocs[at] = i;
                _postingWeights[at] = document.Weights[k];
            }
            foreach (var tag in document.Tags)
            {
                if (!_tagPostings.TryGetValue(tag, out var list))
                {
                    _tagPostings[tag] = list = [];
                }
                list.Add(i);
            }
        }
        Bytes = (long)_postingDocs.Length * 16 + (long)_n * (64 + 4 * 20 + 48) + (long)_baseTerms * 48 + documents.Sum(d => d.Style.Bytes);
    }

    public DateTime BuiltAt { get; }

    // Posts changed or removed since the build.
    public int Changes { get; private set; }

    public int Size => _n;

    // Roughly what the model holds on to, for the per-node memory budget.
    public long Bytes { get; }

    // Every post of the build against the others: the full rebuild's lists.
    public IEnumerable<SimilarPost> RankAll() =>
        RankAllLists(Stored).SelectMany(p => p.Value.Select((n, rank) => new SimilarPost(p.Key, n.Id, rank + 1, Math.Round(n.Score, 6))));

    // Every post's list: its nearest posts by Neighbours, then a second pass that adds to each score the share of
    // first neighbours the two posts have in common (RankingOptions.SharedNeighbours): posts in one cluster of
    // subjects meet even where their words differ. The first neighbours are kept for the per-post updates (Ranked).
    public Dictionary<int, List<(int Id, double Score)>> RankAllLists(int take)
    {
        var lists = new Dictionary<int, List<(int Id, double Score)>>(_n);
        for (var i = 0; i < _n; i++)
        {
            var first = Neighbours(_documents[i], Math.Max(take, FirstPassDepth));
            lists[_documents[i].Id] = first;
            _firsts[_documents[i].Id] = Firsts(first);
        }
        return lists.ToDictionary(p => p.Key, p => Shared(p.Key, p.Value, take));
    }

    // One post's list, as the full rebuild would make it, from the first neighbours the model keeps of the others.
    public List<(int Id, double Score)> Ranked(SimilarDocument document, int take)
    {
        var first = Neighbours(document, Math.Max(take, FirstPassDepth));
        _firsts[document.Id] = Firsts(first);
        return Shared(document.Id, first, take);
    }

    private const int FirstPassDepth = 50;

    private int[] Firsts(List<(int Id, double Score)> first) => [.. first.Take(_options.SharedNeighbourCount).Select(n => n.Id).Order()];

    private List<(int Id, double Score)> Shared(int id, List<(int Id, double Score)> first, int take)
    {
        if (_options.SharedNeighbours <= 0)
        {
            return [.. first.Take(take)];
        }
        var mine = _firsts[id];
        return [.. first
            .Select(n => (n.Id, Score: n.Score + _options.SharedNeighbours * Overlap(mine, _firsts.GetValueOrDefault(n.Id, [])) / _options.SharedNeighbourCount))
            .OrderByDescending(n => n.Score).ThenByDescending(n => n.Id).Take(take)];
    }

    // How many ids two sorted arrays share: one pass.
    private static int Overlap(int[] a, int[] b)
    {
        var shared = 0;
        for (int i = 0, j = 0; i < a.Length && j < b.Length;)
        {
            if (a[i] == b[j])
            {
                shared++;
                i++;
                j++;
            }
            else if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }
        return shared;
    }

    // Takes the post's new text in place of what the model knew of it, and returns it weighed.
    public SimilarDocument Replace(int postId, PostTerms post)
    {
        Remove(postId);
        var document = post.ToDocument(postId, _vocabulary, _tagVocabulary);
        Weigh(document);
        _overlay[postId] = document;
        Changes++;
        return document;
    }

    public void Remove(int postId)
    {
        _firsts.Remove(postId);
        if (_positions.TryGetValue(postId, out var position) && !_dead[position])
        {
            _dead[position] = true;
            Changes++;
        }
        if (_overlay.Remove(postId))
        {
            Changes++;
        }
    }

    // The posts most similar to `document`, best first: candidates from the inverted index, scored exactly (Score),
    // and every post of the overlay.
    public List<(int Id, double Score)> Neighbours(SimilarDocument document, int take)
    {
        var usable = Enumerable.Range(0, document.Terms.Length)
            .Where(k => Frequency(document.Terms[k]) <= _commonest)
            .OrderByDescending(k => document.Weights[k]).ThenBy(k => document.Terms[k])
            .ToList();
        // Phonetic keys are rare, so they would crowd words out of the query; they get places of their own.
        foreach (var k in usable.Where(k => !_vocabulary.IsKey[document.Terms[k]]).Take(QueryTerms)
            .Concat(usable.Where(k => _vocabulary.IsKey[document.Terms[k]]).Take(QueryKeys)))
        {
            var term = document.Terms[k];
            if (term >= _baseTerms)
            {
                continue;
            }
            for (var at = _offsets[term]; at < _offsets[term + 1]; at++)
            {
                Touch(_postingDocs[at], document.Weights[k] * _postingWeights[at]);
            }
        }
        foreach (var tag in document.Tags)
        {
            if (_tagPostings.TryGetValue(tag, out var posts))
            {
                foreach (var other in posts.Take(_commonest))
                {
                    Touch(other, TagWeight / document.Tags.Length);
                }
            }
        }
        var candidates = Best(document.Id)
            .Concat(_overlay.Values.Where(o => o.Id != document.Id))
            .ToList();
        var scored = candidates
            .Select(c => (c.Id, Score: Score(document, c)))
            .Where(r => r.Score is not null)
            .Select(r => (r.Id, Score: r.Score!.Value))
            .OrderByDescending(r => r.Score).ThenByDescending(r => r.Id)
            .Take(take)
            .ToList();
        foreach (var j in _touched)
        {
            _partial[j] = 0;
        }
        _touched.Clear();
        return scored;
    }

    // The Candidates touched posts with the most partial score (ties: the newer id), in no particular order. A heap
    // of that size, not a sort: a post of a large blog touches tens of thousands of others, and sorting them all for
    // every post made a rebuild grow with the square of the posts times a log.
    private IEnumerable<SimilarDocument> Best(int self)
    {
        var best = new PriorityQueue<int, (double Partial, int Id)>(Candidates + 1);
        foreach (var j in _touched)
        {
            if (_dead[j] || _documents[j].Id == self)
            {
                continue;
            }
            var key = (_partial[j], _documents[j].Id);
            if (best.Count < Candidates)
            {
                best.Enqueue(j, key);
            }
            else if (best.TryPeek(out _, out var least) && key.CompareTo(least) > 0)
            {
                best.DequeueEnqueue(j, key);
            }
        }
        return best.UnorderedItems.Select(item => _documents[item.Element]);
    }

    private void Touch(int position, double amount)
    {
        if (_partial[position] == 0)
        {
            _touched.Add(position);
        }
        _partial[position] += amount;
    }

    private int Frequency(int term) => Math.Max(1, _vocabulary.DocumentFrequency[term]);

    // What the two are about (the cosine of their terms, plus a bonus for shared tags) and, as much again, how alike
    // they are written compared with two posts of the blog taken at random (WritingStyle). Style only reorders posts
    // that share a subject: null when they have no term or tag in common.
    private double? Score(SimilarDocument a, SimilarDocument b)
    {
        var subject = Cosine(a, b) + TagWeight * Jaccard(a.Tags, b.Tags);
        return subject > 0 ? subject + (_options.StyleWeight == 0 ? 0 : _options.StyleWeight * _styles.Bonus(a.Language, a.Style, b.Language, b.Style)) : null;
    }

    // Sublinear tf × idf, then scaled to unit length so that the dot product is the cosine.
    private void Weigh(SimilarDocument document)
    {
        var norm = 0.0;
        for (var k = 0; k < document.Terms.Length; k++)
        {
            var tf = document.Weights[k];
            var frequency = Frequency(document.Terms[k]);
            // A word in more than MaxDocumentShare of the posts says little of any one of them: it keeps a hundredth of
            // its weight, so that it counts only where a post has nothing more telling (a blog whose every post uses it
            // still gets lists).
            var common = frequency > _options.MaxDocumentShare * Math.Max(1, _n) && _n >= 20 ? 0.01 : 1;
            var weight = common * (_options.TermFrequency == TermFrequency.Saturating ? tf / (tf + 1.2) : 1 + Math.Log(tf))
                * Math.Pow(Math.Log(1 + (double)Math.Max(1, _n) / frequency), _options.IdfPower);
            document.Weights[k] = (float)weight;
            norm += weight * weight;
        }
        if (norm > 0)
        {
            var length = Math.Sqrt(norm);
            for (var k = 0; k < document.Weights.Length; k++)
            {
                document.Weights[k] = (float)(document.Weights[k] / length);
            }
        }
    }

    // Both vectors are sorted by term id: one pass over the two.
    private static double Cosine(SimilarDocument a, SimilarDocument b)
    {
        var sum = 0.0;
        for (int i = 0, j = 0; i < a.Terms.Length && j < b.Terms.Length;)
        {
            if (a.Terms[i] == b.Terms[j])
            {
                sum += (double)a.Weights[i++] * b.Weights[j++];
            }
            else if (a.Terms[i] < b.Terms[j])
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

    private static double Jaccard(int[] a, int[] b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return 0;
        }
        var shared = Overlap(a, b);
        return (double)shared / (a.Length + b.Length - shared);
    }
}
