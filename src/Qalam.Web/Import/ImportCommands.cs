using System.CommandLine;
using Qalam.Blogs;
using Qalam.Cli;
using Qalam.Localization;
using Spectre.Console;

namespace Qalam.Import;

// `import wordpress FILE --blog H`: a progress bar by bytes read, then a table of what came in and what did not.
public static class ImportCommands
{
    public static IEnumerable<Command> All(CliHost host) => [Import(host), Export(host)];

    public static Command Import(CliHost host)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "A WordPress export (WXR 1.0–1.2), as Tools → Export writes it." };
        var blog = new Option<string>("--blog") { Required = true, Description = "Handle of the blog to import into." };
        var noSimilar = new Option<bool>("--no-similar") { Description = "Do not recompute similar posts now (the running site, or a later `reindex`, does it)." };
        var uploads = new Option<string?>("--uploads") { Description = "The old site's wp-content/uploads folder, or a zip of it: its images come into the blog's media library and the posts' links to them are rewritten." };
        var fetchMedia = new Option<bool>("--fetch-media") { Description = "Fetch the images (those not in --uploads) from their addresses on the old site, public addresses only." };
        var wordpress = new Command("wordpress", "Import posts, pages, tags, comments and (with --uploads or --fetch-media) images from a WordPress export.")
        {
            file, blog, noSimilar, uploads, fetchMedia,
        };
        wordpress.SetAction(async (result, ct) =>
        {
            var path = result.GetValue(file)!;
            if (!path.Exists)
            {
                throw new CliException($"No file at {path.FullName}.");
            }
            await using var scope = host.Services.CreateAsyncScope();
            var target = (await BlogDirectory.FindForCommandAsync(scope, result.GetValue(blog), ct))!;
            var importer = scope.ServiceProvider.GetRequiredService<WordPressImporter>();
            await using var stream = path.OpenRead();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            ImportReport report;
            try
            {
                report = await Progress().StartAsync(async context =>
                {
                    var task = context.AddTask(path.Name, maxValue: Math.Max(1, stream.Length));
                    var imported = await importer.ImportAsync(target.Id, stream, new ImmediateProgress(read => task.Value = read), ct,
                        new WordPressMediaSource(result.GetValue(uploads), result.GetValue(fetchMedia)));
                    task.Value = task.MaxValue;
                    return imported;
                });
            }
            catch (WxrException e)
            {
                throw new CliException($"{path.Name}: {e.Message} Nothing was imported.");
            }
            catch (ImportException e)
            {
                throw new CliException($"{path.Name}: {e.Message}");
            }
            AnsiConsole.Write(Summary(report, target.Handle));
            Console.WriteLine(Finished(report, clock.Elapsed));
            if (!result.GetValue(noSimilar))
            {
                await RecomputeSimilarAsync(scope, target.Id, ct);
            }
            // One line each, unwrapped, so that a script can fetch them.
            foreach (var url in report.Attachments)
            {
                Console.WriteLine($"attachment not downloaded: {url}");
            }
            foreach (var image in report.MediaNotImported)
            {
                Console.WriteLine($"image not imported: {image}");
            }
        });
        var folder = new Argument<DirectoryInfo>("DIR") { Description = "A folder of Markdown files with YAML (---) or TOML (+++) front matter, as Jekyll and Hugo keep them." };
        var markdownBlog = new Option<string>("--blog") { Required = true, Description = "Handle of the blog to import into." };
        var markdownNoSimilar = new Option<bool>("--no-similar") { Description = "Do not recompute similar posts now (the running site, or a later `reindex`, does it)." };
        var markdown = new Command("markdown", "Import a folder of Markdown files, one post per file.") { folder, markdownBlog, markdownNoSimilar };
        markdown.SetAction(async (result, ct) =>
        {
            var path = result.GetValue(folder)!;
            if (!path.Exists)
            {
                throw new CliException($"No folder at {path.FullName}.");
            }
            await using var scope = host.Services.CreateAsyncScope();
            var target = (await BlogDirectory.FindForCommandAsync(scope, result.GetValue(markdownBlog), ct))!;
            var importer = scope.ServiceProvider.GetRequiredService<MarkdownFolderImporter>();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var count = MarkdownFolderImporter.FilesIn(path).Count;
            ImportReport report;
            try
            {
                report = await Progress().StartAsync(async context =>
                {
                    var task = context.AddTask(path.Name, maxValue: Math.Max(1, count));
                    var imported = await importer.ImportAsync(target.Id, path, new ImmediateProgress(done => task.Value = done), ct);
                    task.Value = task.MaxValue;
                    return imported;
                });
            }
            catch (ImportException e)
            {
                throw new CliException($"{e.Message} Nothing was imported.");
            }
            AnsiConsole.Write(Summary(report, target.Handle));
            Console.WriteLine(Finished(report, clock.Elapsed));
            if (!result.GetValue(markdownNoSimilar))
            {
                await RecomputeSimilarAsync(scope, target.Id, ct);
            }
        });

        return new Command("import", "Bring content from another platform into a blog.") { wordpress, markdown };
    }

    public static Command Export(CliHost host)
    {
        var blog = new Option<string>("--blog") { Required = true, Description = "Handle of the blog to export." };
        var output = new Option<FileInfo>("--out") { Required = true, Description = "The file to write (replaced if it exists)." };
        var origin = new Option<string?>("--origin") { Description = "The site's public address for the links in the file, such as https://example.com. Default: Qalam:PublicOrigin, else http://localhost:5000." };
        var wordpress = new Command("wordpress", "Write a blog's posts, tags and comments as a WordPress export (WXR 1.2).") { blog, output, origin };
        wordpress.SetAction(async (result, ct) =>
        {
            await using var scope = host.Services.CreateAsyncScope();
            var target = (await BlogDirectory.FindForCommandAsync(scope, result.GetValue(blog), ct))!;
            var file = result.GetValue(output)!;
            var address = Origin(result.GetValue(origin) ?? host.Services.GetRequiredService<IConfiguration>()[BlogAddresses.PublicOriginKey]);
            // Written beside the target and moved into place, so a failed export never leaves half a file behind.
            var partial = file.FullName + ".partial";
            ExportSummary summary;
            try
            {
                await using (var stream = File.Create(partial))
                {
                    var addresses = scope.ServiceProvider.GetRequiredService<BlogAddresses>();
                    await addresses.ReloadAsync(ct);
                    summary = await scope.ServiceProvider.GetRequiredService<WxrWriter>().WriteAsync(target.Id, addresses.Site(address), stream, ct);
                }
                File.Move(partial, file.FullName, overwrite: true);
            }
            catch
            {
                File.Delete(partial);
                throw;
            }
            Console.WriteLine($"Wrote {summary.Posts} posts, {summary.Comments} comments and {summary.Tags} tags of {target.Handle} to {file.FullName}.");
        });

        var markdownBlog = new Option<string>("--blog") { Required = true, Description = "Handle of the blog to export." };
        var folder = new Option<DirectoryInfo>("--out") { Required = true, Description = "The folder to write one .md file per post into (created if missing)." };
        var markdown = new Command("markdown", "Write a blog's posts as Markdown files with YAML front matter.") { markdownBlog, folder };
        markdown.SetAction(async (result, ct) =>
        {
            await using var scope = host.Services.CreateAsyncScope();
            var target = (await BlogDirectory.FindForCommandAsync(scope, result.GetValue(markdownBlog), ct))!;
            var written = await scope.ServiceProvider.GetRequiredService<MarkdownFolderWriter>().WriteAsync(target.Id, result.GetValue(folder)!, ct);
            Console.WriteLine($"Wrote {written} posts of {target.Handle} to {result.GetValue(folder)!.FullName}.");
        });
        return new Command("export", "Write a blog out in a form another platform (or Qalam) can import.") { wordpress, markdown };
    }

    private static string Origin(string? configured)
    {
        var origin = string.IsNullOrWhiteSpace(configured) ? BlogAddresses.LocalOrigin : configured.Trim().TrimEnd('/');
        return Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.AbsolutePath == "/"
            ? origin
            : throw new CliException($"The origin {origin} is not an http(s) address without a path, such as https://example.com.");
    }

    // The site does this in the background after any change; a command that imported has to do it itself.
    private static async Task RecomputeSimilarAsync(AsyncServiceScope scope, int blogId, CancellationToken ct)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await scope.ServiceProvider.GetRequiredService<Qalam.Similar.SimilarPostsBuilder>().RebuildBlogAsync(blogId, ct);
        Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Similar posts recomputed in {clock.Elapsed.TotalSeconds:0.0} s."));
    }

    private static string Finished(ImportReport report, TimeSpan elapsed) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"Finished in {elapsed.TotalSeconds:0.0} s ({report.PostsCreated / Math.Max(elapsed.TotalSeconds, 0.001):0} posts/s).");

    private static Spectre.Console.Progress Progress() =>
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn());

    private static Table Summary(ImportReport report, string handle)
    {
        var text = UiText.English;
        var table = new Table().Title($"Imported into {Markup.Escape(handle)}").AddColumn("What").AddColumn(new TableColumn("Count").RightAligned()).AddColumn("Notes");
        foreach (var row in report.Rows())
        {
            var label = row.Argument is null ? text[row.Key] : text[row.Key, row.Argument];
            table.AddRow(Markup.Escape(label), row.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(row.Detail ?? ""));
        }
        return table;
    }

}
