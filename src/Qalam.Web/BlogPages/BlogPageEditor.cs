using Microsoft.EntityFrameworkCore;
using Qalam.Blogs;
using Qalam.Localization;
using Qalam.Posts;
using Qalam.Storage;

namespace Qalam.BlogPages;

// What a writer sends for a page. Slug: empty makes one from the title. ParentId: null for a top-level page.
public sealed record PageInput(string? Title, string? Body, string? Language, string? Slug, bool Published, int? ParentId, int Order);

public enum PageField
{
    Title,
    Body,
    Language,
    Slug,
    Parent,
    Order,
}

public sealed record PageProblem(PageField Field, string Code);

public abstract record PageSave
{
    public sealed record Saved(BlogPage Page) : PageSave;
    public sealed record Invalid(IReadOnlyList<PageProblem> Problems) : PageSave;
}

// One page of a listing: enough to draw the tree and link each page.
public sealed record PageSummary(int Id, string Title, string Slug, string Language, bool Published, int? ParentId, int Order, DateTime UpdatedAt);

// Creates, changes and deletes a blog's pages: validation, slugs (unique among the blog's pages; a renamed page keeps
// its old address as a redirect), the hierarchy (a parent of the same blog, never the page itself or one below it),
// and the Markdown rendered and sanitized like a post's, with the blog's images given their sizes.
public sealed class BlogPageEditor(QalamDb db, MarkdownRenderer renderer, IPostImages images, TimeProvider time)
{
    public async Task<PageSave> CreateAsync(int blogId, string? authorId, PageInput input, CancellationToken cancellationToken)
    {
        var problems = Validate(input);
        if (await db.BlogPages.CountAsync(p => p.BlogId == blogId, cancellationToken) >= BlogPage.MaxPerBlog)
        {
            problems.Add(new PageProblem(PageField.Title, "TooMany"));
        }
        problems.AddRange(await ParentProblemsAsync(blogId, null, input.ParentId, cancellationToken));
        if (problems.Count > 0)
        {
            return new PageSave.Invalid(problems);
        }
        var slug = await SlugForAsync(blogId, null, input, cancellationToken);
        if (slug is null)
        {
            return new PageSave.Invalid([new PageProblem(PageField.Slug, "Taken")]);
        }
        var now = time.GetUtcNow().UtcDateTime;
        var page = new BlogPage(blogId, input.Title!.Trim(), slug, input.Language!, authorId, now);
        await ApplyAsync(page, input, now, cancellationToken);
        db.BlogPages.Add(page);
        await db.SaveChangesAsync(cancellationToken);
        return new PageSave.Saved(page);
    }

    public async Task<PageSave> UpdateAsync(BlogPage page, PageInput input, CancellationToken cancellationToken)
    {
        var problems = Validate(input);
        problems.AddRange(await ParentProblemsAsync(page.BlogId, page.Id, input.ParentId, cancellationToken));
        if (problems.Count > 0)
        {
            return new PageSave.Invalid(problems);
        }
        var slug = await SlugForAsync(page.BlogId, page, input, cancellationToken);
        if (slug is null)
        {
            return new PageSave.Invalid([new PageProblem(PageField.Slug, "Taken")]);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (slug != page.Slug)
        {
            // The old address answers with a redirect; the new one must not redirect to itself.
            await db.BlogPageSlugRedirects.Where(r => r.BlogId == page.BlogId && !r.FromPost && r.Slug == slug).ExecuteDeleteAsync(cancellationToken);
            db.BlogPageSlugRedirects.Add(new BlogPageSlugRedirect(page.BlogId, page.Slug, page.Id));
            page.ChangeSlug(slug);
            await db.BlogMenuItems.Where(m => m.BlogId == page.BlogId && m.PageId == page.Id)
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.Target, PagePath(slug)), cancellationToken);
        }
        page.Title = input.Title!.Trim();
        await ApplyAsync(page, input, time.GetUtcNow().UtcDateTime, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new PageSave.Saved(page);
    }

    // The page's children move up to its own parent, so no page is lost with it.
    public async Task DeleteAsync(BlogPage page, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.BlogPages.Where(p => p.BlogId == page.BlogId && p.ParentId == page.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(p => p.ParentId, page.ParentId), cancellationToken);
        db.BlogPages.Remove(page);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    // The current slug of the page a post's old slug now leads to, if a post of that slug became a page.
    public Task<string?> FormerPostAsync(int blogId, string postSlug, CancellationToken cancellationToken) =>
        db.BlogPageSlugRedirects.AsNoTracking().Where(r => r.BlogId == blogId && r.FromPost && r.Slug == postSlug)
            .Join(db.BlogPages.Where(p => p.Published), r => r.PageId, p => p.Id, (_, p) => p.Slug).FirstOrDefaultAsync(cancellationToken);

    // A page's address below its blog's root, as menus keep it.
    public static string PagePath(string slug) => "/pages/" + Uri.EscapeDataString(slug);

    public Task<BlogPage?> FindAsync(int blogId, int id, CancellationToken cancellationToken) =>
        db.BlogPages.SingleOrDefaultAsync(p => p.BlogId == blogId && p.Id == id, cancellationToken);

    // Every page of the blog in tree order (each page followed by its children), with its depth.
    public async Task<List<(PageSummary Page, int Depth)>> TreeAsync(int blogId, bool publishedOnly, CancellationToken cancellationToken)
    {
        var all = await db.BlogPages.AsNoTracking().Where(p => p.BlogId == blogId && (!publishedOnly || p.Published))
            .Select(p => new PageSummary(p.Id, p.Title, p.Slug, p.Language, p.Published, p.ParentId, p.Order, p.UpdatedAt))
            .ToListAsync(cancellationToken);
        return Tree(all);
    }

    public static List<(PageSummary Page, int Depth)> Tree(IReadOnlyList<PageSummary> pages)
    {
        var ids = pages.Select(p => p.Id).ToHashSet();
        // A page whose parent is not in the list (unpublished) shows at the top level.
        var children = pages.ToLookup(p => p.ParentId is { } parent && ids.Contains(parent) ? parent : (int?)null);
        var result = new List<(PageSummary, int)>();
        void Walk(int? parent, int depth)
        {
            foreach (var page in children[parent].OrderBy(p => p.Order).ThenBy(p => p.Title, StringComparer.Ordinal).ThenBy(p => p.Id))
            {
                result.Add((page, depth));
                Walk(page.Id, depth + 1);
            }
        }
        Walk(null, 0);
        return result;
    }

    private async Task ApplyAsync(BlogPage page, PageInput input, DateTime now, CancellationToken cancellationToken)
    {
        var markdown = (input.Body ?? "").ReplaceLineEndings("\n");
        var html = await images.DecorateAsync(page.BlogId, renderer.Render(markdown).Html, cancellationToken);
        page.Write(markdown, html, input.Language!, now);
        page.Published = input.Published;
        page.ParentId = input.ParentId;
        page.Order = input.Order;
    }

    private static List<PageProblem> Validate(PageInput input)
    {
        var problems = new List<PageProblem>();
        if (string.IsNullOrWhiteSpace(input.Title))
        {
            problems.Add(new PageProblem(PageField.Title, "Required"));
        }
        else if (input.Title.Trim().Length > Post.TitleMaxLength)
        {
            problems.Add(new PageProblem(PageField.Title, "TooLong"));
        }
        if ((input.Body?.Length ?? 0) > BlogPage.BodyMaxLength)
        {
            problems.Add(new PageProblem(PageField.Body, "TooLong"));
        }
        if (input.Language is null || !Languages.Supported.Contains(input.Language))
        {
            problems.Add(new PageProblem(PageField.Language, "Unknown"));
        }
        if (!string.IsNullOrWhiteSpace(input.Slug) && Slugs.From(input.Slug).Length == 0)
        {
            problems.Add(new PageProblem(PageField.Slug, "Invalid"));
        }
        if (input.Order is < -10000 or > 10000)
        {
            problems.Add(new PageProblem(PageField.Order, "Range"));
        }
        return problems;
    }

    // A parent must be a page of the same blog, and not the page itself or a page below it (a circle).
    private async Task<List<PageProblem>> ParentProblemsAsync(int blogId, int? pageId, int? parentId, CancellationToken cancellationToken)
    {
        if (parentId is null)
        {
            return [];
        }
        var parents = await db.BlogPages.AsNoTracking().Where(p => p.BlogId == blogId).Select(p => new { p.Id, p.ParentId })
            .ToDictionaryAsync(p => p.Id, p => p.ParentId, cancellationToken);
        if (!parents.ContainsKey(parentId.Value))
        {
            return [new PageProblem(PageField.Parent, "Unknown")];
        }
        for (int? at = parentId; at is { } current; at = parents.GetValueOrDefault(current))
        {
            if (current == pageId)
            {
                return [new PageProblem(PageField.Parent, "Circle")];
            }
        }
        return [];
    }

    // A slug the writer asked for must be free; one made from the title gets -2, -3… until it is. Null: taken.
    private async Task<string?> SlugForAsync(int blogId, BlogPage? page, PageInput input, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(input.Slug))
        {
            var wanted = Slugs.From(input.Slug);
            return wanted == page?.Slug || !await db.BlogPages.AnyAsync(p => p.BlogId == blogId && p.Slug == wanted, cancellationToken) ? wanted : null;
        }
        if (page is not null)
        {
            return page.Slug;
        }
        return await UniqueSlugAsync(db, blogId, null, input.Title!, cancellationToken);
    }

    // A free slug among the blog's pages, from the wanted one (or the title), with -2, -3… when it is taken.
    public static async Task<string> UniqueSlugAsync(QalamDb db, int blogId, string? wanted, string title, CancellationToken cancellationToken)
    {
        var root = Slugs.From(string.IsNullOrWhiteSpace(wanted) ? title : wanted);
        root = root.Length == 0 ? "page" : root;
        var taken = await db.BlogPages.Where(p => p.BlogId == blogId && p.Slug.StartsWith(root)).Select(p => p.Slug).ToListAsync(cancellationToken);
        var slug = root;
        for (var n = 2; taken.Contains(slug); n++)
        {
            var suffix = "-" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            slug = root[..Math.Min(root.Length, Post.SlugMaxLength - suffix.Length)] + suffix;
        }
        return slug;
    }
}
