using System.CommandLine;
using Qalam.Blogs;
using Qalam.Import;
using Spectre.Console;

namespace Qalam.Cli;

// `import wordpress FILE --blog H`: a progress bar by bytes read, then a table of what came in and what did not.
internal static class ImportCommands
{
    public static Command Import(IServiceProvider services)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "A WordPress export (WXR 1.0–1.2), as Tools → Export writes it." };
        var blog = new Option<string>("--blog") { Required = true, Description = "Handle of the blog to import into." };
        var wordpress = new Command("wordpress", "Import posts, pages, tags and comments from a WordPress export.") { file, blog };
        wordpress.SetAction(async (result, ct) =>
        {
            var path = result.GetValue(file)!;
            if (!path.Exists)
            {
                throw new CliException($"No file at {path.FullName}.");
            }
            await using var scope = services.CreateAsyncScope();
            var target = await scope.ServiceProvider.GetRequiredService<BlogDirectory>().FindAsync(result.GetValue(blog)!, ct)
                ?? throw new CliException($"No blog has the handle {result.GetValue(blog)}.");
            var importer = scope.ServiceProvider.GetRequiredService<WordPressImporter>();
            await using var stream = path.OpenRead();
            ImportReport report;
            try
            {
                report = await Progress().StartAsync(async context =>
                {
                    var task = context.AddTask(path.Name, maxValue: Math.Max(1, stream.Length));
                    var imported = await importer.ImportAsync(target.Id, stream, new Reporter(read => task.Value = read), ct);
                    task.Value = task.MaxValue;
                    return imported;
                });
            }
            catch (WxrException e)
            {
                throw new CliException($"{path.Name}: {e.Message} Nothing was imported.");
            }
            AnsiConsole.Write(Summary(report, target.Handle));
            // One line each, unwrapped, so that a script can fetch them.
            foreach (var url in report.Attachments)
            {
                Console.WriteLine($"attachment not downloaded: {url}");
            }
        });
        var folder = new Argument<DirectoryInfo>("DIR") { Description = "A folder of Markdown files with YAML (---) or TOML (+++) front matter, as Jekyll and Hugo keep them." };
        var markdownBlog = new Option<string>("--blog") { Required = true, Description = "Handle of the blog to import into." };
        var markdown = new Command("markdown", "Import a folder of Markdown files, one post per file.") { folder, markdownBlog };
        markdown.SetAction(async (result, ct) =>
        {
            var path = result.GetValue(folder)!;
            if (!path.Exists)
            {
                throw new CliException($"No folder at {path.FullName}.");
            }
            await using var scope = services.CreateAsyncScope();
            var target = await scope.ServiceProvider.GetRequiredService<BlogDirectory>().FindAsync(result.GetValue(markdownBlog)!, ct)
                ?? throw new CliException($"No blog has the handle {result.GetValue(markdownBlog)}.");
            var importer = scope.ServiceProvider.GetRequiredService<MarkdownFolderImporter>();
            var count = path.EnumerateFiles("*", SearchOption.AllDirectories).Count(f => MarkdownFolderImporter.Extensions.Contains(f.Extension.ToLowerInvariant()));
            ImportReport report;
            try
            {
                report = await Progress().StartAsync(async context =>
                {
                    var task = context.AddTask(path.Name, maxValue: Math.Max(1, count));
                    var imported = await importer.ImportAsync(target.Id, path, new Reporter(done => task.Value = done), ct);
                    task.Value = task.MaxValue;
                    return imported;
                });
            }
            catch (ImportException e)
            {
                throw new CliException($"{e.Message} Nothing was imported.");
            }
            AnsiConsole.Write(Summary(report, target.Handle));
        });

        return new Command("import", "Bring content from another platform into a blog.") { wordpress, markdown };
    }

    private static Spectre.Console.Progress Progress() =>
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn());

    private static Table Summary(ImportReport report, string handle)
    {
        var table = new Table().Title($"Imported into {Markup.Escape(handle)}").AddColumn("What").AddColumn(new TableColumn("Count").RightAligned()).AddColumn("Notes");
        void Row(string what, int count, string notes = "", bool always = false)
        {
            if (count > 0 || always)
            {
                table.AddRow(Markup.Escape(what), count.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(notes));
            }
        }

        Row("Posts", report.Posts, always: true);
        Row("Pages (imported as posts)", report.Pages);
        Row("  without front matter", report.WithoutFrontMatter);
        Row("  published", report.Published);
        Row("  scheduled", report.Scheduled);
        Row("  drafts", report.Drafts, "includes private and password-protected items");
        Row("  private (kept as drafts)", report.Private);
        Row("  password-protected (kept as drafts)", report.PasswordProtected);
        Row("  sticky (Qalam does not pin posts)", report.Sticky.Count, string.Join(", ", report.Sticky));
        Row("Already imported before (skipped)", report.AlreadyImported);
        Row("In the trash (skipped)", report.Trashed);
        Row("Tags created (categories and tags)", report.TagsCreated, always: true);
        Row("Comments approved", report.CommentsApproved, always: true);
        Row("Comments held for moderation", report.CommentsHeld);
        Row("Comments marked spam", report.CommentsSpam);
        Row("Comments already imported before", report.CommentsAlreadyImported);
        Row("Comments in the trash (skipped)", report.CommentsTrashed);
        Row("Pingbacks and trackbacks (skipped)", report.Pingbacks);
        Row("Replies whose parent was missing (now top level)", report.RepliesWithoutParent);
        Row("Comments shortened to 5000 characters", report.CommentsShortened);
        Row("Old addresses redirected", report.Redirects);
        Row("Galleries and playlists removed", report.ShortcodesRemoved, "their media is not in the export");
        Row("Attachments (not downloaded)", report.Attachments.Count, "remote files; listed below");
        foreach (var (type, count) in report.SkippedTypes)
        {
            Row($"Skipped items of type {type}", count);
        }
        Row("Authors without a matching member of the blog", report.UnmatchedAuthors.Count, string.Join(", ", report.UnmatchedAuthors));
        return table;
    }

    private sealed class Reporter(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
