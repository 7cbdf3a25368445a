using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
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
    }

    public static BlogResource ToResource(BlogView blog, SiteAddress site) => new(blog.Handle, blog.Title, blog.Description,
        blog.Language, blog.TimeZoneId, blog.Calendar.ToString().ToLowerInvariant(), Kebab(blog.CommentPolicy), site.Blog(blog.Handle));

    private static async Task<Ok<Paged<BlogResource>>> ListAsync(int? page, int? pageSize, QalamDb db, HttpRequest request, CancellationToken ct)
    {
        var (number, size) = Paging.Normalize(page, pageSize);
        // Readers' list: blogs hidden from readers (unconfirmed, awaiting approval, suspended) are left out.
        var total = await db.Blogs.Where(Blog.Public).CountAsync(ct);
        var blogs = await db.Blogs.AsNoTracking().Where(Blog.Public).OrderBy(b => b.Id).Skip(PageOfRows.Skip(number, size)).Take(size)
            .Select(BlogView.FromBlog).ToListAsync(ct);
        var site = SiteAddress.From(request);
        return TypedResults.Ok(new Paged<BlogResource>([.. blogs.Select(b => ToResource(b, site))], number, size, total));
    }

    private static async Task<Results<Ok<BlogResource>, NotFound>> GetAsync(string handle, BlogDirectory blogs, HttpRequest request, CancellationToken ct) =>
        await blogs.FindAsync(handle, ct) is { } blog
            ? TypedResults.Ok(ToResource(blog, SiteAddress.From(request)))
            : TypedResults.NotFound();

    private static string Kebab(CommentPolicy policy) => policy switch
    {
        CommentPolicy.Open => "open",
        CommentPolicy.HoldFirstTime => "hold-first-time",
        CommentPolicy.HoldAll => "hold-all",
        _ => "closed",
    };
}
