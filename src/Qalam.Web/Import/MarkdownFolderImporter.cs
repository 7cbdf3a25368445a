using System.Text.RegularExpressions;
using Qalam.BlogPages;
using Qalam.Blogs;
using Qalam.Localization;
using Qalam.Posts;
using Qalam.Storage;

namespace Qalam.Import;

// Brings a folder of Markdown files (a Jekyll or Hugo site's content, or any folder of notes) into a blog, in one
// transaction: one unreadable file stops the import with its name and leaves the blog as it was. A file is
// remembered by its path in the folder, so importing the folder again adds only new files.
public sealed partial class MarkdownFolderImporter(QalamDb db, MarkdownRenderer renderer, PostChanges changes, BlogQuotas quotas, TimeProvider time)
{
    private static readonly string[] Extensions = [".md", ".markdown", ".mdown", ".mkd"];

    public async Task<ImportReport> ImportAsync(int blogId, DirectoryInfo folder, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var files = FilesIn(folder);
        var session = await ImportSession.StartAsync(db, blogId, time.GetUtcNow().UtcDateTime, cancellationToken);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var done = 0L;
            foreach (var (file, relative) in files)
            {
                cancellationToken.ThrowIfCancellationRequested();
                FrontMatter matter;
                try
                {
                    matter = FrontMatter.Parse(Text.InputText.Clean(await File.ReadAllTextAsync(file.FullName, cancellationToken)));
                }
                catch (FrontMatterException e)
                {
                    throw new ImportException($"{relative}: {e.Message}");
                }
                await ImportFileAsync(session, relative, file, matter, cancellationToken);
                progress?.Report(++done);
            }
            await session.EnsureWithinQuotaAsync(quotas, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        // Similar posts are recomputed by the site's background service; the command line does it itself.
        changes.Changed(blogId);
        return session.Report;
    }

    // The Markdown files of a folder and its subfolders, by path; folders whose name starts with "." are left out.
    public static List<(FileInfo File, string Relative)> FilesIn(DirectoryInfo folder) =>
        folder.EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = false })
            .Where(f => Extensions.Contains(f.Extension.ToLowerInvariant()))
            .Select(f => (File: f, Relative: Path.GetRelativePath(folder.FullName, f.FullName).Replace('\\', '/')))
            .Where(f => !f.Relative.Split('/').Any(part => part.StartsWith('.')))
            .OrderBy(f => f.Relative, StringComparer.Ordinal)
            .ToList();

    private async Task ImportFileAsync(ImportSession session, string relative, FileInfo file, FrontMatter matter, CancellationToken cancellationToken)
    {
        var report = session.Report;
        var name = Path.GetFileNameWithoutExtension(file.Name);
        // Hugo keeps a section's own text in _index.md: a list page, not a post.
        if (name == "_index")
        {
            report.Skipped("_index.md (Hugo section page)");
            return;
        }
        // A repository's own notes are not posts unless they say so with front matter.
        if (!matter.Present && name.ToUpperInvariant() is "README" or "CHANGELOG" or "LICENSE" or "CONTRIBUTING")
        {
            report.Skipped($"{name}{file.Extension} without front matter");
            return;
        }
        var key = "markdown:" + relative;
        if (await session.ImportedAsync(key, cancellationToken) is not null)
        {
            report.AlreadyImported++;
            return;
        }
        DateTime? date;
        try
        {
            date = matter.Date("date") ?? matter.Date("publishDate");
        }
        catch (FrontMatterException e)
        {
            throw new ImportException($"{relative}: {e.Message}");
        }
        // Jekyll names posts 2021-01-06-the-slug.md; Hugo page bundles are folder/index.md.
        var dated = DatedName().Match(name);
        if (dated.Success && DateTime.TryParseExact(dated.Groups["date"].Value, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out var fromName))
        {
            date ??= fromName;
            name = dated.Groups["rest"].Value;
        }
        if (name.Equals("index", StringComparison.OrdinalIgnoreCase) && file.Directory is { } bundle)
        {
            name = bundle.Name;
        }
        var body = matter.Body.Trim('\n');
        var title = matter.Text("title") ?? FirstHeading(body) ?? name.Replace('-', ' ').Replace('_', ' ');
        title = ImportSession.Shorten(WordPressContent.PlainTitle(title), Post.TitleMaxLength);
        if (title.Length == 0)
        {
            title = Localization.UiText.For(session.Language)["Import.NoTitle"];
        }
        var language = matter.Text("lang", "language", "locale") is { Length: >= 2 } l && Languages.IsSupported(l[..2].ToLowerInvariant())
            ? l[..2].ToLowerInvariant()
            : session.Language;
        // Without a date the file's own time stands in; it never makes a post scheduled.
        var created = date ?? (file.LastWriteTimeUtc < session.Now ? file.LastWriteTimeUtc : session.Now);
        var draft = matter.Flag("draft") == true || matter.Flag("published") == false
            || relative.Split('/').Contains("_drafts", StringComparer.Ordinal);
        // Jekyll's layout: page and Hugo's type: page make a page of the blog, not a dated post.
        if ((matter.Text("type") ?? matter.Text("layout"))?.Trim().Equals("page", StringComparison.OrdinalIgnoreCase) == true)
        {
            var page = new BlogPage(session.BlogId, title, await BlogPageEditor.UniqueSlugAsync(db, session.BlogId, matter.Text("slug") ?? name, title, cancellationToken),
                language, null, created)
            {
                Published = !draft,
                Order = int.TryParse(matter.Text("weight", "nav_order", "order"), System.Globalization.NumberStyles.AllowLeadingSign,
                    System.Globalization.CultureInfo.InvariantCulture, out var order) ? Math.Clamp(order, -10000, 10000) : 0,
            };
            page.Write(body, renderer.Render(body).Html, language, session.Now);
            db.BlogPages.Add(page);
            await db.SaveChangesAsync(cancellationToken);
            session.Remember(key, ImportedKind.Page, page.Id);
            report.Pages++;
            await session.FinishItemAsync(cancellationToken);
            return;
        }
        var post = new Post(session.BlogId, await session.UniqueSlugAsync(matter.Text("slug") ?? name, title, cancellationToken), created);
        post.Write(title, body, language, renderer, session.Now);

        if (!draft)
        {
            post.PublishAt(created);
        }
        report.Counted(post.EffectiveStatus(session.Now));
        report.Posts++;
        if (!matter.Present)
        {
            report.WithoutFrontMatter++;
        }
        session.AddTags(post, matter.List("tags").Concat(matter.List("categories")));
        db.Posts.Add(post);
        await db.SaveChangesAsync(cancellationToken);
        session.Remember(key, ImportedKind.Post, post.Id);
        // Old addresses: Hugo's aliases, Jekyll's redirect_from and an explicit permalink or url.
        foreach (var old in matter.List("aliases").Concat(matter.List("redirect_from")).Append(matter.Text("permalink")).Append(matter.Text("url")))
        {
            if (old is not null)
            {
                await session.AddLegacyPathAsync(LegacyPath.Normalize(old), post.Id, cancellationToken);
            }
        }
        await session.FinishItemAsync(cancellationToken);
    }

    private static string? FirstHeading(string body) =>
        Heading().Match(body) is { Success: true } match ? match.Groups["text"].Value.Trim() : null;

    [GeneratedRegex(@"^(?<date>\d{4}-\d{2}-\d{2})-(?<rest>.+)$")]
    private static partial Regex DatedName();

    [GeneratedRegex(@"^#[ \t]+(?<text>.+)$", RegexOptions.Multiline)]
    private static partial Regex Heading();
}

// An import that cannot go on; the message is one line a person can act on, and nothing was imported.
public sealed class ImportException(string message) : Exception(message);
