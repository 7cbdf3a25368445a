using Microsoft.EntityFrameworkCore;
using Qalam.Storage;

namespace Qalam.Posts;

public sealed record RevisionRow(long Id, RevisionKind Kind, DateTime CreatedAt, string? AuthorId, string? Author, string Title, int Words);

public sealed record RevisionText(long Id, RevisionKind Kind, DateTime CreatedAt, string? Author, string Title, string Markdown);

// The history of a post's text: a revision for every save that changed its title or body, and one autosave per
// writer that the editor sends while they type. Revisions are read within their blog; rights are checked by the caller.
public sealed class PostRevisions(QalamDb db, TimeProvider time)
{
    public const int MaxListed = 200;

    public async Task<List<RevisionRow>> ListAsync(Post post, CancellationToken cancellationToken)
    {
        var rows = await db.PostRevisions.AsNoTracking().Where(r => r.PostId == post.Id && r.BlogId == post.BlogId)
            .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Take(MaxListed)
            .Select(r => new { r.Id, r.Kind, r.CreatedAt, r.AuthorId, r.Title, r.BodyMarkdown,
                Author = db.Users.Where(u => u.Id == r.AuthorId).Select(u => u.DisplayName).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new RevisionRow(r.Id, r.Kind, r.CreatedAt, r.AuthorId, r.Author, r.Title, RevisionDiff.CountWords(r.BodyMarkdown)))];
    }

    public Task<RevisionText?> FindAsync(Post post, long revisionId, CancellationToken cancellationToken) =>
        db.PostRevisions.AsNoTracking().Where(r => r.Id == revisionId && r.PostId == post.Id && r.BlogId == post.BlogId)
            .Select(r => new RevisionText(r.Id, r.Kind, r.CreatedAt, db.Users.Where(u => u.Id == r.AuthorId).Select(u => u.DisplayName).FirstOrDefault(),
                r.Title, r.BodyMarkdown))
            .SingleOrDefaultAsync(cancellationToken);

    // The newest autosave not older than the post's last save (a save drops its writer's autosave): text typed somewhere and not saved.
    public Task<RevisionText?> UnsavedAsync(Post post, CancellationToken cancellationToken) =>
        db.PostRevisions.AsNoTracking()
            .Where(r => r.PostId == post.Id && r.BlogId == post.BlogId && r.Kind == RevisionKind.Autosave && r.CreatedAt >= post.UpdatedAt)
            .OrderByDescending(r => r.CreatedAt)
            .Select(r => new RevisionText(r.Id, r.Kind, r.CreatedAt, db.Users.Where(u => u.Id == r.AuthorId).Select(u => u.DisplayName).FirstOrDefault(),
                r.Title, r.BodyMarkdown))
            .FirstOrDefaultAsync(cancellationToken);

    // Keeps the writer's latest typing beside the post without touching what readers see.
    public async Task<DateTime> AutosaveAsync(Post post, string? authorId, string title, string markdown, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var mine = await db.PostRevisions.Where(r => r.PostId == post.Id && r.Kind == RevisionKind.Autosave && r.AuthorId == authorId)
            .OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        if (mine is null)
        {
            db.PostRevisions.Add(new PostRevision(post, authorId, RevisionKind.Autosave, now, title, markdown));
        }
        else
        {
            mine.Replace(title, markdown, now);
        }
        await db.SaveChangesAsync(cancellationToken);
        return now;
    }

    // Called by PostEditor before a save changes the text: the first revision of a post that has none keeps what it
    // said until now (imports, posts older than revisions), so no save ever loses the text it replaces.
    internal async Task KeepOriginalAsync(Post post, CancellationToken cancellationToken)
    {
        if (!await db.PostRevisions.AnyAsync(r => r.PostId == post.Id && r.Kind != RevisionKind.Autosave, cancellationToken))
        {
            db.PostRevisions.Add(new PostRevision(post, post.AuthorId, RevisionKind.Original, post.UpdatedAt, post.Title, post.BodyMarkdown));
        }
    }

    // Called by PostEditor with a save that changes the text: saved in the same unit of work.
    internal void Add(Post post, string? authorId, RevisionKind kind) =>
        db.PostRevisions.Add(new PostRevision(post, authorId, kind, post.UpdatedAt, post.Title, post.BodyMarkdown));

    // After such a save the writer's autosave is superseded by it.
    internal Task DropAutosaveAsync(Post post, string? authorId, CancellationToken cancellationToken) =>
        db.PostRevisions.Where(r => r.PostId == post.Id && r.Kind == RevisionKind.Autosave && r.AuthorId == authorId)
            .ExecuteDeleteAsync(cancellationToken);
}
