using Microsoft.EntityFrameworkCore;
using Qalam.Accounts;
using Qalam.Blogs;
using Qalam.Posts;
using Qalam.Storage;

namespace Qalam.Import;

// What every import into one blog shares: the blog's tags (kept in memory from item to item),
// unique slugs, the memory of what came in before, and the old addresses that must keep working.
internal sealed class ImportSession
{
    private readonly QalamDb _db;
    private readonly Dictionary<string, Tag> _tags;
    private readonly HashSet<string> _legacyPaths = new(StringComparer.Ordinal);
    private readonly HashSet<string> _slugs = new(StringComparer.Ordinal);

    // Most imports go into a new, empty blog: then what this session itself wrote is all there is to check against,
    // and the database need not be asked for every slug and address.
    private bool _hadPosts;
    private bool _hadLegacyPaths;
    private bool _hadImports;

    // Posts remembered in this session (hash → id), so a file that holds the same item twice is still caught when
    // the database need not be asked. Comments are not kept: those of a new post cannot have come in before.
    private readonly Dictionary<string, int> _posts = new(StringComparer.Ordinal);

    private ImportSession(QalamDb db, int blogId, string language, DateTime now, Dictionary<string, Tag> tags, Dictionary<string, string> members)
    {
        _db = db;
        BlogId = blogId;
        Language = language;
        Now = now;
        _tags = tags;
        Members = members;
    }

    public int BlogId { get; }
    public string Language { get; }
    public DateTime Now { get; }
    public ImportReport Report { get; } = new();

    // Normalized email → user id, for the people who may write on this blog.
    public Dictionary<string, string> Members { get; }

    public static async Task<ImportSession> StartAsync(QalamDb db, int blogId, DateTime now, CancellationToken cancellationToken)
    {
        var language = await db.Blogs.AsNoTracking().Where(b => b.Id == blogId).Select(b => b.Language).SingleAsync(cancellationToken);
        var tags = await db.Tags.Where(t => t.BlogId == blogId).ToDictionaryAsync(t => t.Slug, StringComparer.Ordinal, cancellationToken);
        var members = await db.BlogMembers.Where(m => m.BlogId == blogId)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.NormalizedEmail, u.Id })
            .Where(u => u.NormalizedEmail != null)
            .ToDictionaryAsync(u => u.NormalizedEmail!, u => u.Id, StringComparer.Ordinal, cancellationToken);
        // Entities are only ever added, never changed after being tracked: scanning the blog's tags for changes
        // before every save was most of an import's time.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        return new ImportSession(db, blogId, language, now, tags, members)
        {
            _hadPosts = await db.Posts.IgnoreQueryFilters().AnyAsync(p => p.BlogId == blogId, cancellationToken)
                || await db.PostSlugRedirects.AnyAsync(r => r.BlogId == blogId, cancellationToken),
            _hadLegacyPaths = await db.LegacyPaths.AnyAsync(l => l.BlogId == blogId, cancellationToken),
            _hadImports = await db.ImportedItems.AnyAsync(i => i.BlogId == blogId, cancellationToken),
        };
    }

    // The name is plain text (WxrSite.Plain turns WordPress's HTML names into text).
    public Tag? TagFor(string name, string? sourceSlug = null)
    {
        var plain = name.Trim();
        if (plain.Length > PostEditor.TagMaxLength)
        {
            plain = plain[..PostEditor.TagMaxLength].Trim();
        }
        var slug = Slugs.From(plain);
        // WordPress files every post without a category under its default one; it says nothing about the post.
        if (slug.Length == 0 || slug == "uncategorized" || sourceSlug == "uncategorized")
        {
            return null;
        }
        if (!_tags.TryGetValue(slug, out var tag))
        {
            tag = new Tag(BlogId, plain);
            _db.Tags.Add(tag);
            _tags[slug] = tag;
            Report.TagsCreated++;
        }
        else if (tag.Id != 0 && _db.Entry(tag).State == EntityState.Detached)
        {
            _db.Tags.Attach(tag);
        }
        return tag;
    }

    public void AddTags(Post post, IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            if (TagFor(name) is { } tag && !post.Tags.Contains(tag))
            {
                post.Tags.Add(tag);
            }
        }
    }

    // Source slugs arrive percent-encoded when they are not ASCII (Persian ones always are).
    public async Task<string> UniqueSlugAsync(string? wanted, string title, CancellationToken cancellationToken)
    {
        var slug = "";
        if (wanted is not null)
        {
            try
            {
                slug = Slugs.From(Uri.UnescapeDataString(wanted));
            }
            catch (UriFormatException)
            {
                slug = Slugs.From(wanted);
            }
        }
        if (slug.Length == 0)
        {
            slug = Slugs.From(title);
        }
        if (slug.Length == 0)
        {
            slug = "post";
        }
        var unique = slug;
        for (var n = 2; _slugs.Contains(unique) || _hadPosts && await PostEditor.IsSlugTakenAsync(_db, BlogId, unique, null, cancellationToken); n++)
        {
            unique = $"{slug}-{n}";
        }
        _slugs.Add(unique);
        return unique;
    }

    public static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 1)].TrimEnd() + "…";

    public async Task<int?> ImportedAsync(string key, CancellationToken cancellationToken)
    {
        var hash = ImportedItem.Hash(key);
        if (_posts.TryGetValue(hash, out var id))
        {
            return id;
        }
        if (!_hadImports)
        {
            return null;
        }
        return await _db.ImportedItems.AsNoTracking()
            .Where(i => i.BlogId == BlogId && i.SourceKey == hash)
            .Select(i => (int?)i.TargetId)
            .FirstOrDefaultAsync(cancellationToken);
    }

    public void Remember(string key, ImportedKind kind, int targetId)
    {
        var item = new ImportedItem(BlogId, key, kind, targetId);
        _db.ImportedItems.Add(item);
        if (kind == ImportedKind.Post)
        {
            _posts[item.SourceKey] = targetId;
        }
    }

    public async Task AddLegacyPathAsync(string? path, int postId, CancellationToken cancellationToken)
    {
        if (path is not null && _legacyPaths.Add(path)
            && !(_hadLegacyPaths && await _db.LegacyPaths.AnyAsync(l => l.BlogId == BlogId && l.Path == path, cancellationToken)))
        {
            _db.LegacyPaths.Add(new LegacyPath(BlogId, path, postId));
            Report.Redirects++;
        }
    }

    // Saves the item and lets go of everything tracked, so memory does not grow with the file (detaching entities one
    // by one left the change tracker holding every post through the tags' relationships). Tags are attached again
    // when the next item uses them.
    public async Task FinishItemAsync(CancellationToken cancellationToken)
    {
        await _db.SaveChangesAsync(cancellationToken);
        _db.ChangeTracker.Clear();
    }

    // Called before the import commits: an import that would take the blog past its post quota is refused whole.
    public async Task EnsureWithinQuotaAsync(BlogQuotas quotas, CancellationToken cancellationToken)
    {
        if (await quotas.PostsAsync(_db, BlogId, cancellationToken) is { } quota && quota.Used > quota.Limit)
        {
            throw new ImportException($"This import would give the blog {quota.Used} posts; its quota is {quota.Limit}. Nothing was imported.");
        }
    }
}
