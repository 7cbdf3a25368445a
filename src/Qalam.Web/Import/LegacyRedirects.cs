using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Qalam.Blogs;
using Qalam.Posts;
using Qalam.Storage;

namespace Qalam.Import;

// Old addresses of imported posts: /{blog}/2019/05/some-post/ or /{blog}/?p=123 answer with a permanent redirect
// to the post, as long as the post is public. Requests that Qalam's own routes answer never reach the lookup,
// except the blog home asked for ?p= or ?page_id=, which is how WordPress links to a post without pretty permalinks.
public static class LegacyRedirects
{
    public static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method)
            || context.GetEndpoint() is not null && !request.Query.ContainsKey("p") && !request.Query.ContainsKey("page_id"))
        {
            await next(context);
            return;
        }
        var segments = (request.Path.Value ?? "").TrimStart('/');
        var slash = segments.IndexOf('/', StringComparison.Ordinal);
        var handle = slash < 0 ? segments : segments[..slash];
        var rest = slash < 0 ? "" : segments[(slash + 1)..];
        // Only something that could be a blog's address costs a lookup ("favicon.ico" and "admin" cannot).
        var path = BlogHandles.Check(handle.ToLowerInvariant()) != HandleProblem.None ? null : LegacyPath.Normalize(rest + request.QueryString.Value);
        if (path is not null && await TargetAsync(context, handle, path) is { } target)
        {
            context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
            context.Response.Headers[HeaderNames.Location] = target;
            return;
        }
        await next(context);
    }

    private static async Task<string?> TargetAsync(HttpContext context, string handle, string path)
    {
        var services = context.RequestServices;
        var blog = await services.GetRequiredService<BlogDirectory>().FindAsync(handle.ToLowerInvariant(), context.RequestAborted);
        if (blog is null)
        {
            return null;
        }
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var db = services.GetRequiredService<QalamDb>();
        var slug = await db.LegacyPaths.AsNoTracking()
            .Where(l => l.BlogId == blog.Id && l.Path == path)
            .Join(db.Posts.Where(Post.VisibleAt(now)), l => l.PostId, p => p.Id, (_, p) => p.Slug)
            .FirstOrDefaultAsync(context.RequestAborted);
        return slug is null ? null : services.GetRequiredService<BlogAddresses>().Post(blog.Handle, slug);
    }
}
