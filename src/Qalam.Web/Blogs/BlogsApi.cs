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
        BlogRequest body, ClaimsPrincipal user, BlogCreator creator, BlogDirectory blogs, HttpRequest request, CancellationToken ct)
    {
        var viewer = Viewer.From(user)!;
        switch (await creator.CreateAsync(new NewBlog(body.Handle, body.Title, body.Language, body.Description), viewer.UserId, ct))
        {
            case BlogCreation.Invalid invalid:
                return TypedResults.ValidationProblem(invalid.Errors.GroupBy(e => Camel(e.Field.ToString()))
                    .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()));
            case BlogCreation.HandleTaken:
                return TypedResults.Conflict(new Microsoft.AspNetCore.Mvc.ProblemDetails
                {
                    Status = StatusCodes.Status409Conflict,
                    Title = "The handle is taken.",
                    Detail = $"A blog with the handle '{body.Handle}' already exists.",
                });
            default:
                var created = (await blogs.FindAsync(BlogHandles.Normalize(body.Handle!), ct))!;
                var resource = ToResource(created, SiteAddress.From(request));
                return TypedResults.Created($"/api/v1/blogs/{created.Handle}", resource);
        }
    }

    public static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    private static string Kebab(CommentPolicy policy) => policy switch
    {
        CommentPolicy.Open => "open",
        CommentPolicy.HoldFirstTime => "hold-first-time",
        CommentPolicy.HoldAll => "hold-all",
        _ => "closed",
    };
}
