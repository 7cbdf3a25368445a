using System.Net.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Qalam.BlogPages;
using Qalam.Blogs;
using Qalam.Comments;
using Qalam.Http;
using Qalam.Localization;
using Qalam.Media;
using Qalam.Posts;
using Qalam.Storage;

namespace Qalam.Import;

// Brings a WordPress export into a blog in one transaction: a file that turns out to be broken halfway leaves the
// blog as it was. What was imported is remembered (ImportedItem), so importing a newer export of the same site
// adds only new posts and comments. Only the item being imported and the blog's tags are held in memory.
public sealed class WordPressImporter(QalamDb db, MarkdownRenderer renderer, PostChanges changes, BlogQuotas quotas, MediaLibrary library,
    MediaCopies copies, IPostImages images, PublicWebClient web, IOptions<MediaOptions> mediaOptions, TimeProvider time)
{
    public async Task<ImportReport> ImportAsync(int blogId, Stream file, IProgress<long>? progress, CancellationToken cancellationToken,
        WordPressMediaSource? mediaSource = null)
    {
        var session = await ImportSession.StartAsync(db, blogId, time.GetUtcNow().UtcDateTime, cancellationToken);
        var authors = new Dictionary<string, string?>(StringComparer.Ordinal);
        mediaSource ??= WordPressMediaSource.None;
        var handle = await db.Blogs.Where(b => b.Id == blogId).Select(b => b.Handle).SingleAsync(cancellationToken);
        using var media = mediaSource.Any ? new WordPressMedia(db, library, web, mediaSource, session, handle, mediaOptions.Value.MaxBytes) : null;
        if (media is not null && file.CanSeek)
        {
            // A first pass learns the attachments, which WordPress may list after the posts that show them.
            var start = file.Position;
            foreach (var entry in new WxrReader(file).Read())
            {
                if (entry is WxrItem { Type: "attachment" } attachment)
                {
                    media.Saw(attachment);
                }
            }
            file.Position = start;
        }
        var featured = new List<(int PostId, string AttachmentKey)>();
        var parents = new List<(int PageId, string ParentKey)>();
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var reader = new WxrReader(file);
            foreach (var entry in reader.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                switch (entry)
                {
                    case WxrAuthor author:
                        authors[author.Login] = AuthorId(session, author);
                        break;
                    case WxrTerm { Taxonomy: "category" or "post_tag" } term:
                        session.TagFor(reader.Site!.Plain(term.Name), term.Slug);
                        break;
                    case WxrItem item:
                        if (item is { Type: "page" } && item.Status != "trash")
                        {
                            await ImportPageAsync(session, authors, reader.Site!, item, media, parents, cancellationToken);
                        }
                        else
                        {
                            await ImportItemAsync(session, authors, reader.Site!, item, media, featured, cancellationToken);
                        }
                        break;
                }
                progress?.Report(reader.Position);
            }
            if (media is not null)
            {
                await FeatureAsync(session, media, featured, cancellationToken);
            }
            await PlacePagesAsync(session, parents, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await session.EnsureWithinQuotaAsync(quotas, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch when (media is not null)
        {
            // The rows went with the transaction; their files go too.
            foreach (var stored in media.Stored)
            {
                File.Delete(Path.Combine(library.FolderOf(blogId), stored.StoredName));
            }
            throw;
        }
        foreach (var stored in media?.Stored ?? [])
        {
            copies.Enqueue(stored.Id);
        }
        // Similar posts are recomputed by the site's background service; the command line does it itself.
        changes.Changed(blogId);
        return session.Report;
    }

    // WordPress names a post's featured image by its attachment's id (_thumbnail_id); posts imported now get it.
    private async Task FeatureAsync(ImportSession session, WordPressMedia media, List<(int PostId, string AttachmentKey)> featured, CancellationToken cancellationToken)
    {
        foreach (var (postId, attachmentKey) in featured)
        {
            if (media.Attachments.GetValueOrDefault(attachmentKey) is not { Url: { } url } attachment
                || await media.ImportAsync(url, attachment.Alt, cancellationToken) is not { } stored
                || await images.FeaturedAsync(session.BlogId, stored.Id, cancellationToken) is not { } image)
            {
                continue;
            }
            var post = await db.Posts.SingleAsync(p => p.Id == postId, cancellationToken);
            post.Feature(image);
            // The session saves without scanning for changes (ImportSession); this one is made on a loaded entity.
            db.ChangeTracker.DetectChanges();
            session.Report.FeaturedImages++;
            await session.FinishItemAsync(cancellationToken);
        }
    }

    private static string? AuthorId(ImportSession session, WxrAuthor author)
    {
        if (author.Email is { } email && session.Members.TryGetValue(email.Trim().ToUpperInvariant(), out var id))
        {
            return id;
        }
        session.Report.UnmatchedAuthors.Add(author.Login);
        return null;
    }

    private async Task ImportItemAsync(ImportSession session, Dictionary<string, string?> authors, WxrSite site, WxrItem item, WordPressMedia? media,
        List<(int PostId, string AttachmentKey)> featured, CancellationToken cancellationToken)
    {
        if (item.Type is not "post")
        {
            if (item.Type == "attachment" && media is not null)
            {
                // The old site's library comes in whole, images no post shows included.
                media.Saw(item);
                // An address that does not parse is listed like any other attachment, never a reason to fail the import.
                if (item.AttachmentUrl is { } url && Uri.TryCreate(url, UriKind.Absolute, out var address)
                    && Path.GetExtension(address.AbsolutePath).ToLowerInvariant() is ".jpg" or ".jpeg" or ".png" or ".gif" or ".webp")
                {
                    await media.ImportAsync(url, item.Meta.GetValueOrDefault(WxrReader.AltMeta), cancellationToken);
                    await session.FinishItemAsync(cancellationToken);
                }
                else
                {
                    session.Report.Attachments.Add(item.AttachmentUrl ?? item.Link ?? item.Title);
                }
            }
            else if (item.Type == "attachment")
            {
                session.Report.Attachments.Add(item.AttachmentUrl ?? item.Link ?? item.Title);
            }
            else
            {
                session.Report.Skipped(item.Type ?? "(no type)");
            }
            return;
        }
        if (item.Status == "trash")
        {
            session.Report.Trashed++;
            return;
        }
        var key = $"wordpress:{site.Source}#{item.Key}";
        var postId = await session.ImportedAsync(key, cancellationToken);
        var newPost = postId is null;
        if (newPost)
        {
            var post = await NewPostAsync(session, authors, site, item, media, cancellationToken);
            db.Posts.Add(post);
            await db.SaveChangesAsync(cancellationToken);
            postId = post.Id;
            session.Remember(key, ImportedKind.Post, post.Id);
            if (media is not null && item.Meta.GetValueOrDefault(WxrReader.ThumbnailMeta) is { Length: > 0 } thumbnail)
            {
                featured.Add((post.Id, "post:" + thumbnail.Trim()));
            }
            await AddLegacyPathsAsync(session, site, item, post.Id, cancellationToken);
        }
        else
        {
            session.Report.AlreadyImported++;
        }
        // A post imported before may have been deleted since; its comments then stay out.
        if (newPost || await db.Posts.AnyAsync(p => p.Id == postId && p.BlogId == session.BlogId, cancellationToken))
        {
            await ImportCommentsAsync(session, key, postId!.Value, newPost, site, item, cancellationToken);
        }
        await session.FinishItemAsync(cancellationToken);
    }

    // The item's body as Markdown (a file Qalam wrote carries it; WordPress's own files carry HTML) with the old
    // site's images pointing at their copies here, and its language.
    private static async Task<(string Markdown, string Language)> ContentAsync(ImportSession session, WxrSite site, WxrItem item, WordPressMedia? media,
        CancellationToken cancellationToken)
    {
        // A file Qalam wrote carries each post's Markdown and language; WordPress's own files carry HTML.
        string markdown;
        if (item.Meta.TryGetValue(WxrWriter.MarkdownMeta, out var written))
        {
            markdown = written;
        }
        else
        {
            var body = WordPressContent.ToMarkdown(item.Content);
            session.Report.ShortcodesRemoved += body.RemovedShortcodes;
            markdown = body.Markdown;
        }
        var language = item.Meta.GetValueOrDefault(WxrWriter.LanguageMeta) is { } own && Languages.IsSupported(own) ? own
            : site.Language is { Length: >= 2 } l && Languages.IsSupported(l[..2].ToLowerInvariant()) ? l[..2].ToLowerInvariant()
            : session.Language;
        if (media is not null)
        {
            markdown = await media.RewriteAsync(markdown, cancellationToken);
        }
        return (markdown, language);
    }

    // A WordPress page becomes a page of the blog (BlogPages), under its parent when it has one (placed once every
    // page is in, PlacePagesAsync). A page an import made into a post before pages existed is converted: the page
    // is made from the post as it is now, the post goes to the trash with its comments (restorable), and its address
    // redirects to the page.
    private async Task ImportPageAsync(ImportSession session, Dictionary<string, string?> authors, WxrSite site, WxrItem item, WordPressMedia? media,
        List<(int PageId, string ParentKey)> parents, CancellationToken cancellationToken)
    {
        var key = $"wordpress:{site.Source}#{item.Key}";
        var hash = ImportedItem.Hash(key);
        var earlier = await db.ImportedItems.AsNoTracking().Where(i => i.BlogId == session.BlogId && i.SourceKey == hash)
            .Select(i => new { i.Kind, i.TargetId }).FirstOrDefaultAsync(cancellationToken);
        if (earlier is { Kind: ImportedKind.Page })
        {
            session.Report.AlreadyImported++;
            return;
        }
        var formerPost = earlier is { Kind: ImportedKind.Post }
            ? await db.Posts.SingleOrDefaultAsync(p => p.Id == earlier.TargetId && p.BlogId == session.BlogId, cancellationToken)
            : null;
        string title, markdown, language;
        if (formerPost is not null)
        {
            // What the writer may have changed since the first import is kept.
            (title, markdown, language) = (formerPost.Title, formerPost.BodyMarkdown, formerPost.Language);
        }
        else
        {
            title = site.Plain(item.Title);
            title = ImportSession.Shorten(title.Length == 0 ? UiText.For(session.Language)["Import.NoTitle"] : title, Post.TitleMaxLength);
            (markdown, language) = await ContentAsync(session, site, item, media, cancellationToken);
        }
        var slug = await BlogPageEditor.UniqueSlugAsync(db, session.BlogId, formerPost?.Slug ?? (item.PostName is { } name ? Uri.UnescapeDataString(name) : null),
            title, cancellationToken);
        var page = new BlogPage(session.BlogId, title, slug, language, item.Creator is { } creator ? authors.GetValueOrDefault(creator) : null,
            item.Date ?? session.Now)
        {
            Published = item.Status == "publish" && !item.HasPassword,
            Order = item.MenuOrder,
        };
        page.Write(markdown, await images.DecorateAsync(session.BlogId, renderer.Render(markdown).Html, cancellationToken), language, session.Now);
        db.BlogPages.Add(page);
        await db.SaveChangesAsync(cancellationToken);
        if (earlier is not null)
        {
            await db.ImportedItems.Where(i => i.BlogId == session.BlogId && i.SourceKey == hash)
                .ExecuteUpdateAsync(set => set.SetProperty(i => i.Kind, ImportedKind.Page).SetProperty(i => i.TargetId, page.Id), cancellationToken);
        }
        else
        {
            session.Remember(key, ImportedKind.Page, page.Id);
        }
        if (formerPost is not null)
        {
            db.BlogPageSlugRedirects.Add(new BlogPageSlugRedirect(session.BlogId, formerPost.Slug, page.Id, fromPost: true));
            formerPost.Trash(session.Now);
            // The session saves without scanning for changes (ImportSession); this one is made on a loaded entity.
            db.ChangeTracker.DetectChanges();
            session.Report.PagesConverted++;
        }
        else
        {
            session.Report.Pages++;
            if (item.HasPassword)
            {
                session.Report.PasswordProtected++;
            }
        }
        session.Report.PageComments += formerPost is null ? item.Comments.Count(c => c.Type is not ("pingback" or "trackback")) : 0;
        if (item.ParentKey is { } parent)
        {
            parents.Add((page.Id, $"wordpress:{site.Source}#{parent}"));
        }
        await session.FinishItemAsync(cancellationToken);
    }

    private async Task PlacePagesAsync(ImportSession session, List<(int PageId, string ParentKey)> parents, CancellationToken cancellationToken)
    {
        foreach (var (pageId, parentKey) in parents)
        {
            var hash = ImportedItem.Hash(parentKey);
            var parentId = await db.ImportedItems.AsNoTracking()
                .Where(i => i.BlogId == session.BlogId && i.SourceKey == hash && i.Kind == ImportedKind.Page)
                .Select(i => (int?)i.TargetId).FirstOrDefaultAsync(cancellationToken);
            if (parentId is { } found && found != pageId)
            {
                await db.BlogPages.Where(p => p.Id == pageId && p.BlogId == session.BlogId)
                    .ExecuteUpdateAsync(set => set.SetProperty(p => p.ParentId, found), cancellationToken);
            }
        }
    }


    private async Task<Post> NewPostAsync(ImportSession session, Dictionary<string, string?> authors, WxrSite site, WxrItem item, WordPressMedia? media,
        CancellationToken cancellationToken)
    {
        var report = session.Report;
        var title = site.Plain(item.Title);
        if (title.Length == 0)
        {
            title = UiText.For(session.Language)["Import.NoTitle"];
        }
        title = ImportSession.Shorten(title, Post.TitleMaxLength);
        var created = item.Date ?? session.Now;
        var post = new Post(session.BlogId, await session.UniqueSlugAsync(item.PostName, title, cancellationToken), created)
        {
            AuthorId = item.Creator is { } creator ? authors.GetValueOrDefault(creator) : null,
        };
        var (markdown, language) = await ContentAsync(session, site, item, media, cancellationToken);
        post.Write(title, markdown, language, renderer, session.Now);
        post.Decorated(await images.DecorateAsync(session.BlogId, post.BodyHtml, cancellationToken));

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
        report.Counted(post.EffectiveStatus(session.Now));
        if (item.Sticky)
        {
            post.Pin(true);
            report.Sticky.Add(title);
        }
        report.Posts++;
        foreach (var category in item.Categories.Where(c => c.Domain is "category" or "post_tag"))
        {
            if (session.TagFor(site.Plain(category.Name), category.Nicename) is { } tag && !post.Tags.Contains(tag))
            {
                post.Tags.Add(tag);
            }
        }
        return post;
    }

    private static async Task AddLegacyPathsAsync(ImportSession session, WxrSite site, WxrItem item, int postId, CancellationToken cancellationToken)
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
        foreach (var path in paths.Distinct())
        {
            await session.AddLegacyPathAsync(path, postId, cancellationToken);
        }
    }

    // Parents before their replies; a reply whose parent is not in the file (or was a pingback, or in the trash)
    // becomes a comment of its own rather than being lost.
    private async Task ImportCommentsAsync(ImportSession session, string postKey, int postId, bool newPost, WxrSite site, WxrItem item, CancellationToken cancellationToken)
    {
        var report = session.Report;
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
        // One level of the thread at a time, saved together: replies need their parents' ids.
        while (waiting.Count > 0)
        {
            var ready = waiting.Where(c => c.ParentKey is null || !inFile.Contains(c.ParentKey) || imported.ContainsKey(c.ParentKey)).ToList();
            if (ready.Count == 0)
            {
                ready = [waiting[0]];
            }
            var added = new List<(string Key, string CommentKey, Comment Comment)>();
            foreach (var comment in ready)
            {
                waiting.Remove(comment);
                var key = $"{postKey}#comment:{comment.Key}";
                // The comments of a post this import created cannot have come in before.
                if (!newPost && await session.ImportedAsync(key, cancellationToken) is { } existing)
                {
                    imported[comment.Key] = existing;
                    report.CommentsAlreadyImported++;
                    continue;
                }
                int? parentId = null;
                if (comment.ParentKey is { } parentKey)
                {
                    parentId = imported.TryGetValue(parentKey, out var parent) ? parent
                        : newPost ? null
                        : await session.ImportedAsync($"{postKey}#comment:{parentKey}", cancellationToken);
                    if (parentId is null)
                    {
                        report.RepliesWithoutParent++;
                    }
                }
                var entity = NewComment(session, postId, parentId, comment, item.Date, site);
                db.Comments.Add(entity);
                added.Add((key, comment.Key, entity));
            }
            await db.SaveChangesAsync(cancellationToken);
            foreach (var (key, commentKey, entity) in added)
            {
                session.Remember(key, ImportedKind.Comment, entity.Id);
                imported[commentKey] = entity.Id;
            }
        }
    }

    private static Comment NewComment(ImportSession session, int postId, int? parentId, WxrComment comment, DateTime? postDate, WxrSite site)
    {
        var report = session.Report;
        var name = site.Plain(comment.Author);
        if (name.Length == 0)
        {
            name = UiText.For(session.Language)["Import.Anonymous"];
        }
        name = ImportSession.Shorten(name, Comment.NameMaxLength);
        var email = comment.Email is { Length: <= Comment.EmailMaxLength } e && MailAddress.TryCreate(e, out var parsed) && parsed.Address == e ? e : null;
        var website = comment.Url is { Length: <= Comment.WebsiteMaxLength } u && Uri.TryCreate(u, UriKind.Absolute, out var url)
            && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps) ? u : null;
        var body = WordPressContent.PlainText(comment.Content);
        if (body.Length > Comment.BodyMaxLength)
        {
            body = ImportSession.Shorten(body, Comment.BodyMaxLength);
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
        return new Comment(session.BlogId, postId, parentId, name, email, website, body, status, comment.Date ?? postDate ?? session.Now);
    }
}
