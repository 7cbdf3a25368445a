using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Qalam.Accounts;
using Qalam.Api;
using Qalam.Storage;

namespace Qalam.Blogs;

public sealed record BlogResource(string Handle, string Title, string Description, string Language, string TimeZone,
    string Calendar, string CommentPolicy, string Url);

public sealed record BlogRequest(string? Handle, string? Title, string? Language, string? Description);

public static class BlogsApi
{
    public static void MapBlogsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/blogs", ListAsync).WithName("ListBlogs");
        api.MapGet("/blogs/{handle}", GetAsync).WithName("GetBlog");
        api.MapPost("/blogs", CreateAsync).WithName("CreateBlog").RequireAuthorization(AccountsFeature.ApiPolicy);
    }

    public static BlogResource ToResource(BlogView blog, SiteAddress site) => new(blog.Handle, blog.Title, blog.Description,
        blog.Language, blog.TimeZoneId, blog.Calendar.ToString().ToLowerInvariant(), Kebab(blog.CommentPolicy), site.Blog(blog.Handle));

    private static async Task<Ok<Paged<BlogResource>>> ListAsync(int? page, int? pageSize, QalamDb db, HttpRequest request, CancellationToken ct)
    {
        var (number, size) = Paging.Normalize(page, pageSize);
        var total = await db.Blogs.CountAsync(ct);
        var blogs = await db.Blogs.AsNoTracking().OrderBy(b => b.Id).Skip((number - 1) * size).Take(size)
            .Select(BlogView.FromBlog).ToListAsync(ct);
        var site = SiteAddress.From(request);
        return TypedResults.Ok(new Paged<BlogResource>([.. blogs.Select(b => ToResource(b, site))], number, size, total));
    }

    private static async Task<Results<Ok<BlogResource>, NotFound>> GetAsync(string handle, BlogDirectory blogs, HttpRequest request, CancellationToken ct) =>
        await blogs.FindAsync(handle, ct) is { } blog
            ? TypedResults.Ok(ToResource(blog, SiteAddress.From(request)))
            : TypedResults.NotFound();

    // Anyone with an account may start a blog and becomes its owner (sign-up limits arrive with the hosting issue).
    private static async Task<Results<Created<BlogResource>, ValidationProblem, Conflict<Microsoft.AspNetCore.Mvc.ProblemDetails>>> CreateAsync(
        BlogRequest body, ClaimsPrincipal user, BlogCreator creator, HttpRequest request, CancellationToken ct)
    {
        var viewer = Viewer.From(user)!;
        return await creator.CreateAsync(new NewBlog(body.Handle, body.Title, body.Language, body.Description), viewer.UserId, ct) switch
        {
            BlogCreation.Invalid invalid => ApiProblems.Fields(invalid.Errors, e => e.Field.ToString(), e => e.Message),
            BlogCreation.HandleTaken => ApiProblems.Conflict("The handle is taken.", $"A blog with the handle '{body.Handle}' already exists."),
            var outcome => Created(BlogView.Of(((BlogCreation.Created)outcome).Blog), SiteAddress.From(request)),
        };
    }

    private static Created<BlogResource> Created(BlogView blog, SiteAddress site) =>
        TypedResults.Created($"/api/v1/blogs/{blog.Handle}", ToResource(blog, site));

    private static string Kebab(CommentPolicy policy) => policy switch
    {
        CommentPolicy.Open => "open",
        CommentPolicy.HoldFirstTime => "hold-first-time",
        CommentPolicy.HoldAll => "hold-all",
        _ => "closed",
    };
}
