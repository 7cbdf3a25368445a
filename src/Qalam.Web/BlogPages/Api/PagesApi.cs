using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Qalam.Accounts;
using Qalam.Api;
using Qalam.Blogs;
using Qalam.Storage;

namespace Qalam.BlogPages.Api;

// Status: "published" or "draft". ParentId: the id of another page of the same blog, or null for a top-level page.
public sealed record PageResource(int Id, string Title, string Slug, string Url, string Language, string Status, int? ParentId, int Order,
    string Body, DateTime CreatedAt, DateTime UpdatedAt);

// On PUT every field is sent again (a missing title is an error, a missing body empties the page). Status defaults
// to "published"; Language to the blog's.
public sealed record PageRequest(string? Title, string? Body, string? Language, string? Slug, string? Status, int? ParentId, int? Order);

public static class PagesApi
{
    public static void MapPagesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/blogs/{handle}/pages", ListAsync).WithName("ListPages");
        api.MapGet("/blogs/{handle}/pages/{id:int}", GetAsync).WithName("GetPage");
        api.MapPost("/blogs/{handle}/pages", CreateAsync).WithName("CreatePage").RequireAuthorization(AccountsFeature.ApiPolicy);
        api.MapPut("/blogs/{handle}/pages/{id:int}", UpdateAsync).WithName("UpdatePage").RequireAuthorization(AccountsFeature.ApiPolicy);
        api.MapDelete("/blogs/{handle}/pages/{id:int}", DeleteAsync).WithName("DeletePage").RequireAuthorization(AccountsFeature.ApiPolicy);
    }

    // In tree order (each page followed by the pages under it). Readers see published pages; the blog's people all.
    private static async Task<Results<Ok<List<PageResource>>, NotFound, UnauthorizedHttpResult>> ListAsync(
        string handle, HttpContext context, BlogDirectory blogs, BlogAccessChecker access, QalamDb db, BlogAddresses addresses, CancellationToken ct)
    {
        var (viewer, rejected) = await ApiViewer.OptionalAsync(context);
        if (rejected)
        {
            return TypedResults.Unauthorized();
        }
        if (await blogs.FindAsync(handle, ct) is not { } blog)
        {
            return TypedResults.NotFound();
        }
        var member = viewer is not null && await access.ForAsync(viewer, blog, ct) is not null;
        var pages = await db.BlogPages.AsNoTracking().Where(p => p.BlogId == blog.Id && (member || p.Published)).ToListAsync(ct);
        var order = BlogPageEditor.Tree(pages.Select(Summary).ToList()).Select((t, i) => (t.Page.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var site = SiteAddress.From(context.Request);
        return TypedResults.Ok(pages.OrderBy(p => order[p.Id]).Select(p => Resource(p, blog, site, addresses)).ToList());
    }

    private static async Task<Results<Ok<PageResource>, NotFound, UnauthorizedHttpResult>> GetAsync(
        string handle, int id, HttpContext context, BlogDirectory blogs, BlogAccessChecker access, QalamDb db, BlogAddresses addresses, CancellationToken ct)
    {
        var (viewer, rejected) = await ApiViewer.OptionalAsync(context);
        if (rejected)
        {
            return TypedResults.Unauthorized();
        }
        if (await blogs.FindAsync(handle, ct) is not { } blog
            || await db.BlogPages.AsNoTracking().SingleOrDefaultAsync(p => p.BlogId == blog.Id && p.Id == id, ct) is not { } page)
        {
            return TypedResults.NotFound();
        }
        if (!page.Published && (viewer is null || await access.ForAsync(viewer, blog, ct) is null))
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Ok(Resource(page, blog, SiteAddress.From(context.Request), addresses));
    }

    private static async Task<Results<Created<PageResource>, ValidationProblem, NotFound, ForbidHttpResult>> CreateAsync(
        string handle, PageRequest body, ClaimsPrincipal user, HttpRequest request, BlogAccessChecker access, BlogPageEditor editor,
        BlogDirectory blogs, BlogAddresses addresses, CancellationToken ct)
    {
        if (await blogs.FindAsync(handle, ct) is not { } blog)
        {
            return TypedResults.NotFound();
        }
        if (await access.ForAsync(Viewer.From(user)!, blog, ct) is not { CanSeeAllPosts: true } rights)
        {
            return TypedResults.Forbid();
        }
        if (ToInput(body, blog) is not { } input)
        {
            return BadStatus();
        }
        return await editor.CreateAsync(blog.Id, rights.Viewer.UserId, input, ct) switch
        {
            PageSave.Saved saved => TypedResults.Created($"/api/v1/blogs/{blog.Handle}/pages/{saved.Page.Id}", Resource(saved.Page, blog, SiteAddress.From(request), addresses)),
            PageSave.Invalid invalid => Invalid(invalid),
            _ => throw new InvalidOperationException(),
        };
    }

    private static async Task<Results<Ok<PageResource>, ValidationProblem, NotFound, ForbidHttpResult>> UpdateAsync(
        string handle, int id, PageRequest body, ClaimsPrincipal user, HttpRequest request, BlogAccessChecker access, BlogPageEditor editor,
        BlogDirectory blogs, BlogAddresses addresses, CancellationToken ct)
    {
        if (await blogs.FindAsync(handle, ct) is not { } blog)
        {
            return TypedResults.NotFound();
        }
        if (await access.ForAsync(Viewer.From(user)!, blog, ct) is not { CanSeeAllPosts: true })
        {
            return TypedResults.Forbid();
        }
        if (await editor.FindAsync(blog.Id, id, ct) is not { } page)
        {
            return TypedResults.NotFound();
        }
        if (ToInput(body, blog) is not { } input)
        {
            return BadStatus();
        }
        return await editor.UpdateAsync(page, input, ct) switch
        {
            PageSave.Saved saved => TypedResults.Ok(Resource(saved.Page, blog, SiteAddress.From(request), addresses)),
            PageSave.Invalid invalid => Invalid(invalid),
            _ => throw new InvalidOperationException(),
        };
    }

    // The pages under it move up to its parent.
    private static async Task<Results<NoContent, NotFound, ForbidHttpResult>> DeleteAsync(
        string handle, int id, ClaimsPrincipal user, BlogAccessChecker access, BlogPageEditor editor, BlogDirectory blogs, CancellationToken ct)
    {
        if (await blogs.FindAsync(handle, ct) is not { } blog)
        {
            return TypedResults.NotFound();
        }
        if (await access.ForAsync(Viewer.From(user)!, blog, ct) is not { CanSeeAllPosts: true })
        {
            return TypedResults.Forbid();
        }
        if (await editor.FindAsync(blog.Id, id, ct) is not { } page)
        {
            return TypedResults.NotFound();
        }
        await editor.DeleteAsync(page, ct);
        return TypedResults.NoContent();
    }

    private static PageInput? ToInput(PageRequest body, BlogView blog) => body.Status is null or "published" or "draft"
        ? new PageInput(body.Title, body.Body, body.Language ?? blog.Language, body.Slug, body.Status != "draft", body.ParentId, body.Order ?? 0)
        : null;

    private static ValidationProblem BadStatus() => ApiProblems.Field("status", "The status must be published or draft.");

    private static ValidationProblem Invalid(PageSave.Invalid invalid) =>
        ApiProblems.Fields(invalid.Problems, p => p.Field.ToString().ToLowerInvariant() is "parent" ? "parentId" : p.Field.ToString().ToLowerInvariant(), Message);

    private static string Message(PageProblem problem) => (problem.Field, problem.Code) switch
    {
        (PageField.Title, "Required") => "A page needs a title.",
        (PageField.Title, "TooLong") => $"The title may have at most {Posts.Post.TitleMaxLength} characters.",
        (PageField.Title, "TooMany") => $"A blog may have at most {BlogPage.MaxPerBlog} pages.",
        (PageField.Body, _) => $"The body may have at most {BlogPage.BodyMaxLength} characters.",
        (PageField.Language, _) => "The language must be fa or en.",
        (PageField.Slug, "Taken") => "Another page of this blog has this slug.",
        (PageField.Slug, _) => "The slug must have at least one letter or digit.",
        (PageField.Parent, "Circle") => "A page cannot sit under itself or under a page below it.",
        (PageField.Parent, _) => "The parent must be another page of this blog.",
        (PageField.Order, _) => "The order must be between -10000 and 10000.",
        _ => problem.Code,
    };

    private static PageSummary Summary(BlogPage p) => new(p.Id, p.Title, p.Slug, p.Language, p.Published, p.ParentId, p.Order, p.UpdatedAt);

    private static PageResource Resource(BlogPage page, BlogView blog, SiteAddress site, BlogAddresses addresses) =>
        new(page.Id, page.Title, page.Slug, site.Absolute(addresses.Page(blog.Handle, page.Slug)), page.Language, page.Published ? "published" : "draft",
            page.ParentId, page.Order, page.BodyMarkdown, page.CreatedAt, page.UpdatedAt);
}
