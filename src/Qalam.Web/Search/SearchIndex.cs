using System.Globalization;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Qalam.Posts;
using Qalam.Storage;
using Qalam.Text;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Qalam.Search;

public sealed class SearchOptions
{
    public const string Section = "Search";

    // Where this node keeps its search index (default: the app's data/search-index folder). Every node keeps its
    // own and fills it from the database; deleting the folder makes the node rebuild it.
    public string IndexDirectory { get; set; } = "";
}

// The search index of this node: a Lucene.NET index of every published post (scheduled ones too; the query filters
// by time), made of words folded by TextFolding and of their phonetic keys. The database stays the truth: the index
// catches up with it by reading posts changed since the last time (UpdatedAt), and drops posts that are gone, so a
// node that starts empty, or comes back after others changed things, fills itself.
public sealed class SearchIndex : IDisposable
{
    private const string WatermarkFile = "qalam-watermark.txt";

    // Moves when what is indexed changes (2: phonetic keys merge q, gh and k and drop a final ه after ی); an index
    // written in another format is emptied at start and filled again from the database.
    private const int Format = 2;
    private static readonly LuceneVersion Version = LuceneVersion.LUCENE_48;

    private readonly string _path;
    private readonly SearchIndexOwner _owner;
    private readonly LuceneDirectory _directory;
    private readonly IndexWriter _writer;
    private readonly SearcherManager _searchers;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly IServiceScopeFactory _scopes;
    private readonly ContentVersion _version;
    private readonly TimeProvider _time;
    private readonly ILogger<SearchIndex> _log;
    private DateTime _watermark;
    private long _seenVersion = -1;
    private long _caughtUpAt = DateTime.MinValue.Ticks;

    // The posts indexed within the overlap behind the watermark, with the UpdatedAt and a hash of what was indexed:
    // read again by the next catch-up, they are skipped unless they changed, so a catch-up with nothing new does no
    // Lucene work. (The hash too: two saves can carry the same UpdatedAt, on a coarse or a test's frozen clock.)
    private readonly Dictionary<int, (DateTime UpdatedAt, int Content)> _recentlyIndexed = [];

    // Changes the searchers see (near-real-time, from the writer) but not yet committed to disk: committed by the
    // background round (every five seconds), not on a reader's search. The watermark file is written only with a
    // commit, so after a crash the node reads again what it had not committed.
    private bool _uncommitted;

    public SearchIndex(IOptions<SearchOptions> options, IServiceScopeFactory scopes, ContentVersion version, TimeProvider time, ILogger<SearchIndex> log)
    {
        _log = log;
        _path = options.Value.IndexDirectory;
        System.IO.Directory.CreateDirectory(_path);
        _owner = SearchIndexOwner.Take(_path, TimeSpan.FromSeconds(60))
            ?? throw new InvalidOperationException($"The search index at {_path} is held by another Qalam process (a `qalam reindex` or a second site on this folder).");
        _directory = FSDirectory.Open(new DirectoryInfo(_path));
        // The watermark file reads "format:ticks"; anything else is an index to build again.
        var watermark = Path.Combine(_path, WatermarkFile);
        var stored = File.Exists(watermark) ? File.ReadAllText(watermark).Split(':') : [];
        long ticks = 0;
        var current = stored.Length == 2 && stored[0] == Format.ToString(CultureInfo.InvariantCulture)
            && long.TryParse(stored[1], CultureInfo.InvariantCulture, out ticks);
        _writer = new IndexWriter(_directory, new IndexWriterConfig(Version, new WhitespaceAnalyzer(Version))
        {
            OpenMode = current ? OpenMode.CREATE_OR_APPEND : OpenMode.CREATE,
        });
        _searchers = new SearcherManager(_writer, applyAllDeletes: true, searcherFactory: null);
        _scopes = scopes;
        _version = version;
        _time = time;
        _watermark = current ? new DateTime(ticks, DateTimeKind.Utc) : DateTime.MinValue;
    }

    // Empties the index in a folder so that it is built again from the database. The caller owns the folder
    // (SearchIndexOwner).
    public static void Clear(string path)
    {
        System.IO.Directory.CreateDirectory(path);
        using var directory = FSDirectory.Open(new DirectoryInfo(path));
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(Version, new WhitespaceAnalyzer(Version)) { OpenMode = OpenMode.CREATE }))
        {
            writer.Commit();
        }
        File.Delete(Path.Combine(path, WatermarkFile));
    }

    public int Count
    {
        get
        {
            var searcher = _searchers.Acquire();
            try
            {
                return searcher.IndexReader.NumDocs;
            }
            finally
            {
                _searchers.Release(searcher);
            }
        }
    }

    public sealed record Found(int Id, string Title, string Slug, string Language, DateTime PublishedAt, string Text, float Score);

    // Before a search: nothing to do when nothing was saved here or on another node (ContentVersion) and the last look
    // at the database is recent. Searches that arrive while a catch-up runs wait for it, then the first of them
    // catches up once for all: each finds on its turn that a catch-up begun after it arrived has ended, and goes on
    // without one of its own (under a stream of saves on any node, searches would otherwise queue one catch-up each
    // behind the lock).
    public async Task CatchUpIfStaleAsync(CancellationToken cancellationToken)
    {
        var wanted = _version.Current;
        if (wanted != Interlocked.Read(ref _seenVersion) || Stale)
        {
            await CatchUpAsync(thorough: false, wanted, cancellationToken);
        }
    }

    private bool Stale => _time.GetUtcNow().UtcDateTime - new DateTime(Interlocked.Read(ref _caughtUpAt), DateTimeKind.Utc) > TimeSpan.FromSeconds(2);

    // The background round's and `qalam reindex`'s catch-up: also looks for deleted posts, and commits to disk.
    public Task CatchUpAsync(CancellationToken cancellationToken) => CatchUpAsync(thorough: true, wanted: null, cancellationToken);

    private async Task CatchUpAsync(bool thorough, long? wanted, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // The version only grows, and _seenVersion is the one read at the start of the last catch-up that ended.
            if (wanted is { } arrivedAt && Interlocked.Read(ref _seenVersion) >= arrivedAt && !Stale)
            {
                return;
            }
            var version = _version.Current;
            await using var scope = _scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<QalamDb>();
            // A few seconds of overlap: a save that committed late with an earlier UpdatedAt is read again, harmlessly.
            var since = _watermark == DateTime.MinValue ? DateTime.MinValue : _watermark.AddSeconds(-5);
            var changed = false;
            await foreach (var post in Texts(db.Posts.AsNoTracking().Where(p => p.UpdatedAt > since).OrderBy(p => p.UpdatedAt).ThenBy(p => p.Id))
                .AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                if (Index(post))
                {
                    _watermark = post.UpdatedAt > _watermark ? post.UpdatedAt : _watermark;
                    changed = true;
                }
            }
            if (changed)
            {
                _searchers.MaybeRefreshBlocking();
                _uncommitted = true;
                var overlap = _watermark.AddSeconds(-5);
                foreach (var old in _recentlyIndexed.Where(p => p.Value.UpdatedAt <= overlap).Select(p => p.Key).ToList())
                {
                    _recentlyIndexed.Remove(old);
                }
            }
            if (thorough)
            {
                await ReconcileAsync(db, cancellationToken);
                Commit();
            }
            Interlocked.Exchange(ref _seenVersion, version);
            Interlocked.Exchange(ref _caughtUpAt, _time.GetUtcNow().UtcDateTime.Ticks);
        }
        finally
        {
            _gate.Release();
        }
    }

    private void Commit()
    {
        if (!_uncommitted)
        {
            return;
        }
        _writer.Commit();
        File.WriteAllText(Path.Combine(_path, WatermarkFile), string.Create(CultureInfo.InvariantCulture, $"{Format}:{_watermark.Ticks}"));
        _uncommitted = false;
    }

    // What the index reads of a post.
    private sealed record PostText(int Id, int BlogId, string Title, string Slug, string Language, PostStatus Status, DateTime? PublishedAt,
        string BodyHtml, DateTime UpdatedAt, List<string> Tags);

    private static IQueryable<PostText> Texts(IQueryable<Post> posts) => posts.Select(p => new PostText(p.Id, p.BlogId, p.Title, p.Slug,
        p.Language, p.Status, p.PublishedAt, p.BodyHtml, p.UpdatedAt, p.Tags.Select(t => t.Name).ToList()));

    // Puts a post in the index (or takes it out when it is no longer published); false when it is there unchanged.
    private bool Index(PostText post)
    {
        var content = HashCode.Combine(post.Title, post.Slug, post.Language, post.Status, post.PublishedAt, post.BodyHtml,
            post.BlogId, string.Join('\n', post.Tags));
        if (_recentlyIndexed.TryGetValue(post.Id, out var indexed) && indexed == (post.UpdatedAt, content))
        {
            return false;
        }
        var id = new Term("id", post.Id.ToString(CultureInfo.InvariantCulture));
        if (post.Status == PostStatus.Published)
        {
            _writer.UpdateDocument(id, Document(post.Id, post.BlogId, post.Title, post.Slug, post.Language, post.PublishedAt!.Value, post.BodyHtml, post.Tags));
        }
        else
        {
            _writer.DeleteDocuments(id);
        }
        _recentlyIndexed[post.Id] = (post.UpdatedAt, content);
        return true;
    }

    // The background round's check that the index holds exactly the published posts up to the watermark. Deleting
    // (or trashing) a post leaves nothing for the catch-up to read, and a post saved in a transaction that committed
    // after the catch-up had moved more than its overlap past the post's UpdatedAt (an import: its posts carry the
    // time it began) is never read by it; either makes the index's count differ from the database's. Then the ids
    // are compared — the database's against the index's terms, not its stored documents — and the index drops the
    // ones gone and reads the ones it lacks. Only posts up to the watermark are counted: one saved (on any node)
    // since the catch-up read the posts is not in the index yet, and counting it would send every round through the
    // ids during a burst of writing.
    private async Task ReconcileAsync(QalamDb db, CancellationToken cancellationToken)
    {
        var watermark = _watermark;
        var stored = await db.Posts.CountAsync(p => p.Status == PostStatus.Published && p.UpdatedAt <= watermark, cancellationToken);
        if (Count == stored)
        {
            return;
        }
        var published = await db.Posts.Where(p => p.Status == PostStatus.Published)
            .Select(p => new { p.Id, p.UpdatedAt }).ToDictionaryAsync(p => p.Id, p => p.UpdatedAt, cancellationToken);
        var present = new HashSet<int>();
        var searcher = _searchers.Acquire();
        try
        {
            var reader = searcher.IndexReader;
            var live = MultiFields.GetLiveDocs(reader);
            var terms = MultiFields.GetTerms(reader, "id")?.GetEnumerator();
            DocsEnum? docs = null;
            while (terms is not null && terms.MoveNext())
            {
                docs = terms.Docs(live, docs, DocsFlags.NONE);
                if (docs.NextDoc() == DocIdSetIterator.NO_MORE_DOCS)
                {
                    continue; // only deleted copies
                }
                var text = terms.Term.Utf8ToString();
                var id = int.Parse(text, CultureInfo.InvariantCulture);
                if (published.ContainsKey(id))
                {
                    present.Add(id);
                }
                else
                {
                    _writer.DeleteDocuments(new Term("id", text));
                }
            }
        }
        finally
        {
            _searchers.Release(searcher);
        }
        var missing = published.Where(p => p.Value <= watermark && !present.Contains(p.Key)).Select(p => p.Key).ToList();
        foreach (var chunk in missing.Chunk(500))
        {
            await foreach (var post in Texts(db.Posts.AsNoTracking().Where(p => chunk.Contains(p.Id))).AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                Index(post);
            }
        }
        if (missing.Count > 0)
        {
            _log.LogInformation("The search index read {Count} posts its catch-up had missed (saved in a transaction that committed late)", missing.Count);
        }
        _searchers.MaybeRefreshBlocking();
        _uncommitted = true;
    }

    private static Document Document(int id, int blogId, string title, string slug, string language, DateTime publishedAt, string html, List<string> tags)
    {
        var text = string.Join(' ', MarkdownRenderer.PlainText(html).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var words = TextFolding.Words(title).Concat(TextFolding.Words(text)).Concat(tags.SelectMany(TextFolding.Words));
        return
        [
            new StringField("id", id.ToString(CultureInfo.InvariantCulture), Field.Store.YES),
            new StringField("blog", blogId.ToString(CultureInfo.InvariantCulture), Field.Store.NO),
            new Int64Field("published", publishedAt.Ticks, Field.Store.YES),
            new TextField("title", string.Join(' ', TextFolding.Words(title)), Field.Store.NO),
            new TextField("tags", string.Join(' ', tags.SelectMany(TextFolding.Words)), Field.Store.NO),
            new TextField("body", string.Join(' ', TextFolding.Words(text)), Field.Store.NO),
            new TextField("keys", string.Join(' ', words.Select(TextFolding.PhoneticKey).OfType<string>()), Field.Store.NO),
            new StoredField("titleText", title),
            new StoredField("slug", slug),
            new StoredField("language", language),
            new StoredField("text", text),
        ];
    }

    // Every query word must match: as a whole word or the start of one in the title (weighed most), tags or text,
    // or through its phonetic key (another spelling, the other script).
    private const int MaxReachable = 1000;

    public (List<Found> Hits, int Total) Search(int blogId, IReadOnlyList<string> words, DateTime now, int skip, int take)
    {
        var query = new BooleanQuery
        {
            { new TermQuery(new Term("blog", blogId.ToString(CultureInfo.InvariantCulture))), Occur.MUST },
            { NumericRangeQuery.NewInt64Range("published", null, now.Ticks, true, true), Occur.MUST },
        };
        foreach (var word in words)
        {
            var either = new BooleanQuery();
            foreach (var (field, boost) in new[] { ("title", 5f), ("tags", 3f), ("body", 1f) })
            {
                either.Add(new TermQuery(new Term(field, word)) { Boost = boost }, Occur.SHOULD);
                either.Add(new PrefixQuery(new Term(field, word)) { Boost = boost / 2 }, Occur.SHOULD);
            }
            if (TextFolding.PhoneticKey(word) is { } key)
            {
                either.Add(new TermQuery(new Term("keys", key)) { Boost = 0.5f }, Occur.SHOULD);
            }
            query.Add(either, Occur.MUST);
        }
        var searcher = _searchers.Acquire();
        try
        {
            // Lucene keeps every hit up to the last one asked for: pages past the first thousand results are empty
            // rather than a way to make the node hold millions.
            var top = searcher.Search(query, (int)Math.Clamp((long)skip + take, 1, MaxReachable));
            var hits = top.ScoreDocs.Skip(skip).Take(take).Select(hit =>
            {
                var document = searcher.Doc(hit.Doc);
                return new Found(int.Parse(document.Get("id"), CultureInfo.InvariantCulture), document.Get("titleText"), document.Get("slug"),
                    document.Get("language"), new DateTime(document.GetField("published").GetInt64Value()!.Value, DateTimeKind.Utc), document.Get("text"), hit.Score);
            }).ToList();
            return (hits, top.TotalHits);
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    public void Dispose()
    {
        _searchers.Dispose();
        _writer.Dispose();
        _directory.Dispose();
        _gate.Dispose();
        _owner.Dispose();
    }
}

// Keeps the index close to the database when nobody searches: other nodes' changes, scheduled posts.
public sealed class SearchIndexer(SearchIndex index, ILogger<SearchIndexer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
        do
        {
            try
            {
                await index.CatchUpAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Bringing the search index up to date failed; the next round tries again");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
