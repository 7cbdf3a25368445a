using System.Net.Mail;
using Microsoft.EntityFrameworkCore;
using Qalam.Comments;
using Qalam.Localization;
using Qalam.Posts;
using Qalam.Similar;
using Qalam.Storage;

namespace Qalam.Import;

// Brings a WordPress export into a blog in one transaction: a file that turns out to be broken halfway leaves the
// blog as it was. What was imported is remembered (ImportedItem), so importing a newer export of the same site
// adds only new posts and comments. Only the item being imported and the blog's tags are held in memory.
public sealed class WordPressImporter(QalamDb db, MarkdownRenderer renderer, PostChanges changes, SimilarPostsBuilder similar, TimeProvider time)
{
    public async Task<ImportReport> ImportAsync(int blogId, Stream file, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var blog = await db.Blogs.AsNoTracking().Where(b => b.Id == blogId).Select(b => new { b.Id, b.Language })
            .SingleAsync(cancellationToken);
        var run = new Run(blogId, blog.Language, new ImportReport(), time.GetUtcNow().UtcDateTime)
        {
            Tags = await db.Tags.Where(t => t.BlogId == blogId).ToDictionaryAsync(t => t.Slug, StringComparer.Ordinal, cancellationToken),
            Members = await db.BlogMembers.Where(m => m.BlogId == blogId)
                .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.NormalizedEmail, u.Id })
                .Where(u => u.NormalizedEmail != null)
                .ToDictionaryAsync(u => u.NormalizedEmail!, u => u.Id, StringComparer.Ordinal, cancellationToken),
        };

        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var reader = new WxrReader(file);
            foreach (var entry in reader.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                switch (entry)
                {
                    case WxrAuthor author:
                        AddAuthor(run, author);
                        break;
                    case WxrTerm { Taxonomy: "category" or "post_tag" } term:
                        TagFor(run, term.Name, term.Slug);
                        break;
                    case WxrItem item:
                        await ImportItemAsync(run, reader.Site!, item, cancellationToken);
                        break;
                }
                progress?.Report(reader.Position);
            }
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        changes.Changed(blogId);
        await similar.RebuildBlogAsync(blogId, cancellationToken);
        return run.Report;
    }

    private sealed record Run(int BlogId, string Language, ImportReport Report, DateTime Now)
    {
        public required Dictionary<string, Tag> Tags { get; init; }
        public required Dictionary<string, string> Members { get; init; }
        public Dictionary<string, string?> Authors { get; } = new(StringComparer.Ordinal);
        public HashSet<string> LegacyPaths { get; } = new(StringComparer.Ordinal);
    }

    private static void AddAuthor(Run run, WxrAuthor author)
    {
        string? userId = null;
        if (author.Email is { } email && run.Members.TryGetValue(email.Trim().ToUpperInvariant(), out var id))
        {
            userId = id;
        }
        else
        {
            run.Report.UnmatchedAuthors.Add(author.Login);
        }
        run.Authors[author.Login] = userId;
    }

    private Tag? TagFor(Run run, string name, string? slug)
    {
        var plain = WordPressContent.PlainTitle(name);
        if (plain.Length > PostEditor.TagMaxLength)
        {
            plain = plain[..PostEditor.TagMaxLength].Trim();
        }
        var ours = Slugs.From(plain);
        if (ours.Length == 0 || ours == "uncategorized" || slug == "uncategorized")
        {
            return null;
        }
        if (!run.Tags.TryGetValue(ours, out var tag))
        {
            tag = new Tag(run.BlogId, plain);
            db.Tags.Add(tag);
            run.Tags[ours] = tag;
            run.Report.TagsCreated++;
        }
        return tag;
    }

    private async Task ImportItemAsync(Run run, WxrSite site, WxrItem item, CancellationToken cancellationToken)
    {
        if (item.Type is not ("post" or "page"))
        {
            if (item.Type == "attachment")
            {
                run.Report.Attachments.Add(item.AttachmentUrl ?? item.Link ?? item.Title);
            }
            else
            {
                run.Report.Skipped(item.Type ?? "(no type)");
            }
            return;
        }
        if (item.Status == "trash")
        {
            run.Report.Trashed++;
            return;
        }
        var key = $"wordpress:{site.Source}#{item.Key}";
        var postId = await ImportedAsync(run, key, cancellationToken);
        if (postId is null)
        {
            var post = NewPost(run, site, item);
            db.Posts.Add(post);
            await db.SaveChangesAsync(cancellationToken);
            postId = post.Id;
            db.ImportedItems.Add(new ImportedItem(run.BlogId, key, ImportedKind.Post, post.Id));
            await AddLegacyPathsAsync(run, site, item, post.Id, cancellationToken);
        }
        else
        {
            run.Report.AlreadyImported++;
        }
        if (await db.Posts.AnyAsync(p => p.Id == postId && p.BlogId == run.BlogId, cancellationToken))
        {
            await ImportCommentsAsync(run, key, postId.Value, item, cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.Entity is not Tag).ToList())
        {
            entry.State = EntityState.Detached;
        }
    }

    private Post NewPost(Run run, WxrSite site, WxrItem item)
    {
        var report = run.Report;
        var title = WordPressContent.PlainTitle(item.Title);
        if (title.Length == 0)
        {
            title = UiText.For(run.Language)["Import.NoTitle"];
        }
        else if (title.Length > Post.TitleMaxLength)
        {
            title = title[..(Post.TitleMaxLength - 1)].TrimEnd() + "…";
        }
        var created = item.Date ?? run.Now;
        var post = new Post(run.BlogId, UniqueSlug(run, item, title), created)
        {
            AuthorId = item.Creator is { } creator ? run.Authors.GetValueOrDefault(creator) : null,
        };
        var body = WordPressContent.ToMarkdown(item.Content);
        report.ShortcodesRemoved += body.RemovedShortcodes;
        var language = site.Language is { Length: >= 2 } l && Languages.IsSupported(l[..2].ToLowerInvariant()) ? l[..2].ToLowerInvariant() : run.Language;
        post.Write(title, body.Markdown, language, renderer, run.Now);

        if (item.HasPassword)
        {
            report.PasswordProtected++;
        }
        else if (item.Status is "publish" or "future")
        {
            post.PublishAt(created);
        }
        else if (item.Status == "private")
        {
            report.Private++;
        }
        switch (post.EffectiveStatus(run.Now))
        {
            case EffectivePostStatus.Published:
                report.Published++;
                break;
            case EffectivePostStatus.Scheduled:
                report.Scheduled++;
                break;
            default:
                report.Drafts++;
                break;
        }
        if (item.Sticky)
        {
            report.Sticky.Add(title);
        }
        if (item.Type == "page")
        {
            report.Pages++;
        }
        else
        {
            report.Posts++;
        }
        foreach (var category in item.Categories.Where(c => c.Domain is "category" or "post_tag"))
        {
            if (TagFor(run, category.Name, category.Nicename) is { } tag && !post.Tags.Contains(tag))
            {
                post.Tags.Add(tag);
            }
        }
        return post;
    }

    // WordPress slugs arrive percent-encoded when they are not ASCII (Persian ones always are).
    private string UniqueSlug(Run run, WxrItem item, string title)
    {
        var wanted = "";
        if (item.PostName is { } name)
        {
            try
            {
                wanted = Slugs.From(Uri.UnescapeDataString(name));
            }
            catch (UriFormatException)
            {
                wanted = Slugs.From(name);
            }
        }
        if (wanted.Length == 0)
        {
            wanted = Slugs.From(title);
        }
        if (wanted.Length == 0)
        {
            wanted = "post";
        }
        var slug = wanted;
        for (var n = 2; IsTaken(run.BlogId, slug); n++)
        {
            slug = $"{wanted}-{n}";
        }
        return slug;
    }

    private bool IsTaken(int blogId, string slug) =>
        db.Posts.Any(p => p.BlogId == blogId && p.Slug == slug) || db.PostSlugRedirects.Any(r => r.BlogId == blogId && r.Slug == slug);

    private async Task AddLegacyPathsAsync(Run run, WxrSite site, WxrItem item, int postId, CancellationToken cancellationToken)
    {
        var paths = new List<string?>();
        if (item.Link is { } link && Uri.TryCreate(link, UriKind.Absolute, out var uri))
        {
            var path = LegacyPath.Normalize(uri.PathAndQuery);
            if (path is not null && site.BlogPath.Length > 0 && path.StartsWith(site.BlogPath + "/", StringComparison.Ordinal))
            {
                path = path[(site.BlogPath.Length + 1)..];
            }
            paths.Add(path);
        }
        if (item.Key.StartsWith("post:", StringComparison.Ordinal) && long.TryParse(item.Key[5..], out var id))
        {
            paths.Add(LegacyPath.Normalize($"?p={id}"));
        }
        foreach (var path in paths.OfType<string>().Distinct())
        {
            if (run.LegacyPaths.Add(path) && !await db.LegacyPaths.AnyAsync(l => l.BlogId == run.BlogId && l.Path == path, cancellationToken))
            {
                db.LegacyPaths.Add(new LegacyPath(run.BlogId, path, postId));
                run.Report.Redirects++;
            }
        }
    }

    // Parents before their replies; a reply whose parent is not in the file (or was a pingback, or in the trash)
    // becomes a comment of its own rather than being lost.
    private async Task ImportCommentsAsync(Run run, string postKey, int postId, WxrItem item, CancellationToken cancellationToken)
    {
        var report = run.Report;
        var waiting = new List<WxrComment>();
        foreach (var comment in item.Comments)
        {
            if (comment.Type is "pingback" or "trackback")
            {
                report.Pingbacks++;
            }
            else if (comment.Approved is "trash" or "post-trashed")
            {
                report.CommentsTrashed++;
            }
            else
            {
                waiting.Add(comment);
            }
        }
        var inFile = waiting.Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        var imported = new Dictionary<string, int>(StringComparer.Ordinal);
        while (waiting.Count > 0)
        {
            var ready = waiting.Where(c => c.ParentKey is null || !inFile.Contains(c.ParentKey) || imported.ContainsKey(c.ParentKey)).ToList();
            if (ready.Count == 0)
            {
                ready = [waiting[0]];
            }
            foreach (var comment in ready)
            {
                waiting.Remove(comment);
                var key = $"{postKey}#comment:{comment.Key}";
                if (await ImportedAsync(run, key, cancellationToken) is { } existing)
                {
                    imported[comment.Key] = existing;
                    report.CommentsAlreadyImported++;
                    continue;
                }
                int? parentId = null;
                if (comment.ParentKey is { } parentKey)
                {
                    parentId = imported.TryGetValue(parentKey, out var parent) ? parent
                        : await ImportedAsync(run, $"{postKey}#comment:{parentKey}", cancellationToken);
                    if (parentId is null)
                    {
                        report.RepliesWithoutParent++;
                    }
                }
                var added = NewComment(run, postId, parentId, comment, item.Date);
                db.Comments.Add(added);
                await db.SaveChangesAsync(cancellationToken);
                db.ImportedItems.Add(new ImportedItem(run.BlogId, key, ImportedKind.Comment, added.Id));
                imported[comment.Key] = added.Id;
            }
        }
    }

    private static Comment NewComment(Run run, int postId, int? parentId, WxrComment comment, DateTime? postDate)
    {
        var report = run.Report;
        var name = WordPressContent.PlainTitle(comment.Author);
        if (name.Length == 0)
        {
            name = UiText.For(run.Language)["Import.Anonymous"];
        }
        else if (name.Length > Comment.NameMaxLength)
        {
            name = name[..(Comment.NameMaxLength - 1)].TrimEnd() + "…";
        }
        var email = comment.Email is { Length: <= Comment.EmailMaxLength } e && MailAddress.TryCreate(e, out var parsed) && parsed.Address == e ? e : null;
        var website = comment.Url is { Length: <= Comment.WebsiteMaxLength } u && Uri.TryCreate(u, UriKind.Absolute, out var url)
            && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps) ? u : null;
        var body = WordPressContent.PlainText(comment.Content);
        if (body.Length > Comment.BodyMaxLength)
        {
            body = body[..(Comment.BodyMaxLength - 1)] + "…";
            report.CommentsShortened++;
        }
        // WordPress marks approved comments "1"; anything it did not approve stays out of sight until the owner decides.
        var status = comment.Approved switch
        {
            "1" or "approve" or "approved" => CommentStatus.Approved,
            "spam" => CommentStatus.Spam,
            _ => CommentStatus.Pending,
        };
        switch (status)
        {
            case CommentStatus.Approved:
                report.CommentsApproved++;
                break;
            case CommentStatus.Spam:
                report.CommentsSpam++;
                break;
            default:
                report.CommentsHeld++;
                break;
        }
        return new Comment(run.BlogId, postId, parentId, name, email, website, body, status, comment.Date ?? postDate ?? run.Now);
    }

    private async Task<int?> ImportedAsync(Run run, string key, CancellationToken cancellationToken)
    {
        var hash = ImportedItem.Hash(key);
        return await db.ImportedItems.AsNoTracking()
            .Where(i => i.BlogId == run.BlogId && i.SourceKey == hash)
            .Select(i => (int?)i.TargetId)
            .FirstOrDefaultAsync(cancellationToken);
    }
}
