using Microsoft.EntityFrameworkCore;
using Qalam.Storage;

namespace Qalam.Posts;

public sealed record PostDraft(string Title, string Markdown, string Language, IReadOnlyList<string> Tags, string? Slug = null);

// Creates posts with unique slugs and shared tags; the authoring issue builds its editor and API on this.
public sealed class PostWriter(QalamDb db, MarkdownRenderer renderer, TimeProvider time)
{
    public async Task<Post> CreateAsync(int blogId, PostDraft draft, DateTime? publishAt, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var slug = await UniqueSlugAsync(blogId, Slugs.From(draft.Slug ?? draft.Title), cancellationToken);
        var post = new Post(blogId, slug, now);
        post.Write(draft.Title, draft.Markdown, draft.Language, renderer, now);
        if (publishAt is { } at)
        {
            post.PublishAt(at);
        }
        foreach (var tag in await TagsAsync(blogId, draft.Tags, cancellationToken))
        {
            post.Tags.Add(tag);
        }
        db.Posts.Add(post);
        await db.SaveChangesAsync(cancellationToken);
        return post;
    }

    private async Task<string> UniqueSlugAsync(int blogId, string wanted, CancellationToken cancellationToken)
    {
        var baseSlug = wanted.Length == 0 ? "post" : wanted;
        var taken = await db.Posts.Where(p => p.BlogId == blogId && p.Slug.StartsWith(baseSlug))
            .Select(p => p.Slug).ToListAsync(cancellationToken);
        var slug = baseSlug;
        for (var n = 2; taken.Contains(slug); n++)
        {
            slug = $"{baseSlug}-{n}";
        }
        return slug;
    }

    private async Task<List<Tag>> TagsAsync(int blogId, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var wanted = names.Select(n => n.Trim()).Where(n => n.Length > 0)
            .DistinctBy(Slugs.From).ToList();
        var slugs = wanted.Select(Slugs.From).ToList();
        var existing = await db.Tags.Where(t => t.BlogId == blogId && slugs.Contains(t.Slug)).ToListAsync(cancellationToken);
        var tags = new List<Tag>(existing);
        foreach (var name in wanted.Where(n => existing.All(t => t.Slug != Slugs.From(n))))
        {
            var tag = new Tag(blogId, name);
            db.Tags.Add(tag);
            tags.Add(tag);
        }
        return tags;
    }
}
