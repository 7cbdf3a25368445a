using Microsoft.EntityFrameworkCore;
using Qalam.Blogs;
using Qalam.Localization;
using Qalam.Storage;

namespace Qalam.Posts;

// What a writer sends to create or change a post. Null fields of an update keep their stored value.
public sealed record PostInput(
    string? Title,
    string? Body,
    string? Language,
    IReadOnlyList<string>? Tags,
    string? Slug,
    string? Status,
    DateTime? PublishedAt,
    bool? CommentsClosed = null,
    bool? MailToSubscribers = null,
    int? FeaturedImageId = null,
    bool? Pinned = null)
{
    // FeaturedImageId: null keeps the post's featured image, NoFeaturedImage removes it, any other value names one
    // of the blog's images.
    public const int NoFeaturedImage = 0;
}

// A post that does not come from a person at a form: sample content now, imports later.
public sealed record PostDraft(string Title, string Markdown, string Language, IReadOnlyList<string> Tags, string? Slug = null);

public enum PostField
{
    Title,
    Body,
    Language,
    Slug,
    Tags,
    Status,
    PublishedAt,
    FeaturedImage,
}

public sealed record PostFieldError(PostField Field, string Code, string Message);

public abstract record PostSave
{
    public sealed record Saved(Post Post) : PostSave;
    public sealed record Invalid(IReadOnlyList<PostFieldError> Errors) : PostSave;
    public sealed record SlugTaken(string Slug) : PostSave;

    // The blog holds as many posts as its quota allows (BlogQuotas).
    public sealed record QuotaReached(long Limit) : PostSave;
}

public static class PostStatusNames
{
    public const string Draft = "draft";
    public const string Scheduled = "scheduled";
    public const string Published = "published";

    public static string Of(EffectivePostStatus status) => status switch
    {
        EffectivePostStatus.Draft => Draft,
        EffectivePostStatus.Scheduled => Scheduled,
        _ => Published,
    };

    public static EffectivePostStatus? Parse(string? name) => name switch
    {
        Draft => EffectivePostStatus.Draft,
        Scheduled => EffectivePostStatus.Scheduled,
        Published => EffectivePostStatus.Published,
        _ => null,
    };
}

// Creates and changes posts for the admin area and the API: validation, unique slugs, old addresses kept as
// redirects, tags of the same blog, publishing now or at a time. Rights are checked by the caller (BlogAccess).
public sealed class PostEditor(QalamDb db, MarkdownRenderer renderer, PostChanges changes, BlogQuotas quotas, PostRevisions revisions, IPostImages images,
    TimeProvider time)
{
    public const int BodyMaxLength = 200_000;
    public const int MaxTags = 20;
    public const int TagMaxLength = 100;

    public Task<Post?> FindAsync(int blogId, int postId, CancellationToken cancellationToken) =>
        db.Posts.Include(p => p.Tags).SingleOrDefaultAsync(p => p.Id == postId && p.BlogId == blogId, cancellationToken);

    public async Task<PostSave> CreateAsync(int blogId, string blogLanguage, string? authorId, PostInput input, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var errors = Validate(input, creating: true);
        if (errors.Count > 0)
        {
            return new PostSave.Invalid(errors);
        }
        if (await quotas.PostsAsync(db, blogId, cancellationToken) is { } quota && !quota.AllowsAnother())
        {
            return new PostSave.QuotaReached(quota.Limit);
        }
        string slug;
        if (!string.IsNullOrWhiteSpace(input.Slug))
        {
            slug = Slugs.From(input.Slug);
            if (await IsTakenAsync(blogId, slug, null, cancellationToken))
            {
                return new PostSave.SlugTaken(slug);
            }
        }
        else
        {
            slug = await UniqueSlugAsync(blogId, Slugs.From(input.Title!), cancellationToken);
        }
        var post = new Post(blogId, slug, now)
        {
            AuthorId = authorId,
            CommentsClosed = input.CommentsClosed ?? false,
            MailToSubscribers = input.MailToSubscribers ?? true,
        };
        post.Write(input.Title!, input.Body ?? "", input.Language ?? blogLanguage, renderer, now);
        post.Decorated(await images.DecorateAsync(blogId, post.BodyHtml, cancellationToken));
        if (await FeatureAsync(post, input.FeaturedImageId, cancellationToken) is { } featureError)
        {
            return new PostSave.Invalid([featureError]);
        }
        ApplyStatus(post, input, now);
        post.Pin(input.Pinned ?? false);
        await SetTagsAsync(post, input.Tags ?? [], cancellationToken);
        db.Posts.Add(post);
        if (await SaveAsync(cancellationToken) is false)
        {
            return new PostSave.SlugTaken(slug);
        }
        // A new post's id exists only once it is saved, so its first revision follows in a second save.
        revisions.Add(post, authorId, RevisionKind.Saved);
        await db.SaveChangesAsync(cancellationToken);
        changes.Changed(blogId, post.Id);
        return new PostSave.Saved(post);
    }

    public async Task<Post> CreateAsync(int blogId, PostDraft draft, DateTime? publishAt, CancellationToken cancellationToken)
    {
        var input = new PostInput(draft.Title, draft.Markdown, draft.Language, draft.Tags, draft.Slug,
            publishAt is null ? PostStatusNames.Draft : PostStatusNames.Published, publishAt);
        return await CreateAsync(blogId, draft.Language, null, input, cancellationToken) switch
        {
            PostSave.Saved saved => saved.Post,
            PostSave.Invalid invalid => throw new ArgumentException(string.Join(" ", invalid.Errors.Select(e => e.Message)), nameof(draft)),
            PostSave.QuotaReached reached => throw new InvalidOperationException($"The blog has reached its quota of {reached.Limit} posts."),
            _ => throw new ArgumentException($"The slug '{draft.Slug}' is taken.", nameof(draft)),
        };
    }

    // `editorId` is the person saving (null for the system); `kind` says whether the save brings back a revision.
    public async Task<PostSave> UpdateAsync(Post post, PostInput input, string? editorId, CancellationToken cancellationToken,
        RevisionKind kind = RevisionKind.Saved)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var errors = Validate(input, creating: false);
        if (errors.Count > 0)
        {
            return new PostSave.Invalid(errors);
        }
        if (await FeatureAsync(post, input.FeaturedImageId, cancellationToken) is { } featureError)
        {
            return new PostSave.Invalid([featureError]);
        }
        if (!string.IsNullOrWhiteSpace(input.Slug) && Slugs.From(input.Slug) is var slug && slug != post.Slug)
        {
            if (await IsTakenAsync(post.BlogId, slug, post.Id, cancellationToken))
            {
                return new PostSave.SlugTaken(slug);
            }
            await RenameAsync(post, slug, cancellationToken);
        }
        var (oldTitle, oldBody) = (post.Title, post.BodyMarkdown);
        await revisions.KeepOriginalAsync(post, cancellationToken);
        post.Write(input.Title ?? post.Title, input.Body ?? post.BodyMarkdown, input.Language ?? post.Language, renderer, now);
        post.Decorated(await images.DecorateAsync(post.BlogId, post.BodyHtml, cancellationToken));
        ApplyStatus(post, input, now);
        post.CommentsClosed = input.CommentsClosed ?? post.CommentsClosed;
        post.MailToSubscribers = input.MailToSubscribers ?? post.MailToSubscribers;
        post.Pin(input.Pinned ?? post.Pinned);
        if (input.Tags is not null)
        {
            await SetTagsAsync(post, input.Tags, cancellationToken);
        }
        // The revision is saved with the change itself. A save that changes only the status, tags or slug keeps no
        // copy of an unchanged text.
        var textChanged = kind == RevisionKind.Restored || post.Title != oldTitle || post.BodyMarkdown != oldBody;
        if (textChanged)
        {
            revisions.Add(post, editorId, kind);
        }
        if (await SaveAsync(cancellationToken) is false)
        {
            return new PostSave.SlugTaken(post.Slug);
        }
        if (textChanged)
        {
            await revisions.DropAutosaveAsync(post, editorId, cancellationToken);
        }
        changes.Changed(post.BlogId, post.Id);
        return new PostSave.Saved(post);
    }

    public async Task<List<string>> TagSuggestionsAsync(int blogId, CancellationToken cancellationToken) =>
        await db.Tags.AsNoTracking().Where(t => t.BlogId == blogId).OrderBy(t => t.Name).Select(t => t.Name).Take(500).ToListAsync(cancellationToken);

    // The image must be one of the post's own blog's: an id from another blog is refused as unknown, never shown.
    private async Task<PostFieldError?> FeatureAsync(Post post, int? mediaId, CancellationToken cancellationToken)
    {
        switch (mediaId)
        {
            case null:
                return null;
            case PostInput.NoFeaturedImage:
                post.Feature(null);
                return null;
            case { } id when id == post.FeaturedImageId:
                return null;
            case { } id:
                if (await images.FeaturedAsync(post.BlogId, id, cancellationToken) is not { } image)
                {
                    return new(PostField.FeaturedImage, "unknown", "The featured image must be one of this blog's images (its id in the media library).");
                }
                post.Feature(image);
                return null;
        }
    }

    private static void ApplyStatus(Post post, PostInput input, DateTime now)
    {
        switch (input.Status)
        {
            case PostStatusNames.Draft:
                post.Unpublish();
                break;
            case PostStatusNames.Published or PostStatusNames.Scheduled:
                post.PublishAt(input.PublishedAt?.ToUniversalTime() ?? (post.IsVisibleAt(now) ? post.PublishedAt!.Value : now));
                break;
            case null when input.PublishedAt is { } at && post.Status == PostStatus.Published:
                post.PublishAt(at.ToUniversalTime());
                break;
        }
    }

    // The old address keeps answering with a redirect once readers may have seen it.
    private async Task RenameAsync(Post post, string slug, CancellationToken cancellationToken)
    {
        var old = post.Slug;
        await db.PostSlugRedirects.Where(r => r.BlogId == post.BlogId && r.Slug == slug && r.PostId == post.Id)
            .ExecuteDeleteAsync(cancellationToken);
        if (post.Status == PostStatus.Published)
        {
            db.PostSlugRedirects.Add(new PostSlugRedirect(post.BlogId, old, post.Id));
        }
        post.ChangeSlug(slug);
    }

    private Task<bool> IsTakenAsync(int blogId, string slug, int? exceptPostId, CancellationToken cancellationToken) =>
        IsSlugTakenAsync(db, blogId, slug, exceptPostId, cancellationToken);

    // A slug is taken by a post of the blog (in the trash too, so a restore always finds its address free) or by an
    // old address that still leads to one (imports ask too).
    public static async Task<bool> IsSlugTakenAsync(QalamDb db, int blogId, string slug, int? exceptPostId, CancellationToken cancellationToken) =>
        await db.Posts.IgnoreQueryFilters().AnyAsync(p => p.BlogId == blogId && p.Slug == slug && p.Id != exceptPostId, cancellationToken)
        || await db.PostSlugRedirects.AnyAsync(r => r.BlogId == blogId && r.Slug == slug && r.PostId != exceptPostId, cancellationToken);

    private async Task<string> UniqueSlugAsync(int blogId, string wanted, CancellationToken cancellationToken)
    {
        var baseSlug = wanted.Length == 0 ? "post" : wanted;
        var slug = baseSlug;
        for (var n = 2; await IsTakenAsync(blogId, slug, null, cancellationToken); n++)
        {
            slug = $"{baseSlug}-{n}";
        }
        return slug;
    }

    private async Task SetTagsAsync(Post post, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var wanted = names.Select(n => n.Trim()).Where(n => n.Length > 0 && Slugs.From(n).Length > 0).DistinctBy(Slugs.From).ToList();
        var slugs = wanted.Select(Slugs.From).ToList();
        var existing = await db.Tags.Where(t => t.BlogId == post.BlogId && slugs.Contains(t.Slug)).ToListAsync(cancellationToken);
        post.Tags.Clear();
        foreach (var name in wanted)
        {
            var tag = existing.FirstOrDefault(t => t.Slug == Slugs.From(name));
            if (tag is null)
            {
                tag = new Tag(post.BlogId, name);
                db.Tags.Add(tag);
                existing.Add(tag);
            }
            post.Tags.Add(tag);
        }
    }

    // False when a concurrent writer took the slug between the check and the save (the unique index decides).
    private async Task<bool> SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    private static List<PostFieldError> Validate(PostInput input, bool creating)
    {
        var errors = new List<PostFieldError>();
        if (creating || input.Title is not null)
        {
            if (string.IsNullOrWhiteSpace(input.Title))
            {
                errors.Add(new(PostField.Title, "required", "A title is required."));
            }
            else if (input.Title.Trim().Length > Post.TitleMaxLength)
            {
                errors.Add(new(PostField.Title, "too-long", $"The title must be at most {Post.TitleMaxLength} characters."));
            }
        }
        if (input.Body?.Length > BodyMaxLength)
        {
            errors.Add(new(PostField.Body, "too-long", $"The body must be at most {BodyMaxLength} characters."));
        }
        if (input.Language is not null and not (Languages.Persian or Languages.English))
        {
            errors.Add(new(PostField.Language, "invalid", "The language must be 'fa' or 'en'."));
        }
        if (input.Slug is { } slug && !string.IsNullOrWhiteSpace(slug) && Slugs.From(slug).Length == 0)
        {
            errors.Add(new(PostField.Slug, "invalid", "The slug must contain letters or digits."));
        }
        if (input.Slug?.Length > Post.SlugMaxLength)
        {
            errors.Add(new(PostField.Slug, "too-long", $"The slug must be at most {Post.SlugMaxLength} characters."));
        }
        if (input.Tags is { } tags && (tags.Count > MaxTags || tags.Any(t => t.Length > TagMaxLength)))
        {
            errors.Add(new(PostField.Tags, "too-many", $"A post may have at most {MaxTags} tags of at most {TagMaxLength} characters."));
        }
        if (input.Status is not null and not (PostStatusNames.Draft or PostStatusNames.Published or PostStatusNames.Scheduled))
        {
            errors.Add(new(PostField.Status, "invalid", "The status must be 'draft', 'scheduled' or 'published'."));
        }
        if (input.Status == PostStatusNames.Scheduled && input.PublishedAt is null)
        {
            errors.Add(new(PostField.PublishedAt, "required", "A scheduled post needs a publication time."));
        }
        return errors;
    }
}
