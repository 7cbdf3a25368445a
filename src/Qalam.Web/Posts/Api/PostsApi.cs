using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Qalam.Accounts;
using Qalam.Api;
using Qalam.Blogs;
using Qalam.Comments;
using Qalam.Similar;
using Qalam.Storage;

namespace Qalam.Posts.Api;

public sealed record SimilarResource(int Id, string Title, string Url);

public sealed record PostResource(int Id, string Title, string Slug, string Url, string Language, string Status,
    DateTime? PublishedAt, IReadOnlyList<string> Tags, string Body, long Visits, int CommentCount,
    IReadOnlyList<SimilarResource> Similar, string? Author, DateTime CreatedAt, DateTime UpdatedAt, FeaturedImageResource? FeaturedImage,
    bool Pinned);

// Url is the original's absolute address; the copies are named in the post page's srcset.
public sealed record FeaturedImageResource(int Id, string Url, int Width, int Height, string Alt);

// FeaturedImageId: the id of one of the blog's images (GET /api/v1/blogs/{handle}/media lists them), 0 to remove
// the featured image, absent to keep it.
public sealed record PostRequest(string? Title, string? Body, string? Language, List<string>? Tags, string? Slug,
    string? Status, DateTime? PublishedAt, bool? CommentsClosed = null, bool? MailToSubscribers = null, int? FeaturedImageId = null,
    bool? Pinned = null);

public static class PostsApi
{
    public static void MapPostsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/blogs/{handle}/posts", ListAsync).WithName("ListPosts");
        api.MapGet("/blogs/{handle}/posts/{id:int}", GetAsync).WithName("GetPost");
        api.MapPost("/blogs/{handle}/posts", CreateAsync).WithName("CreatePost").RequireAuthorization(AccountsFeature.ApiPolicy);
        api.MapPut("/blogs/{handle}/posts/{id:int}", UpdateAsync).WithName("UpdatePost").RequireAuthorization(AccountsFeature.ApiPolicy);
        api.MapDelete("/blogs/{handle}/posts/{id:int}", DeleteAsync).WithName("DeletePost").RequireAuthorization(AccountsFeature.ApiPolicy);
        api.MapTrashApi();
    }

    // status: published (default), draft, scheduled or all. Readers without a role see published posts only;
    // an author sees their own drafts, editors and owners everyone's.
    private static async Task<Results<Ok<Paged<PostResource>>, NotFound, UnauthorizedHttpResult, ValidationProblem>> ListAsync(
        string handle, int? page, int? pageSize, string? status, HttpContext context, BlogDirectory blogs, BlogAccessChecker access,
        QalamDb db, TimeProvider time, CancellationToken ct)
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
        if (status is not (null or PostStatusNames.Published or PostStatusNames.Draft or PostStatusNames.Scheduled or "all"))
        {
            return ApiProblems.Field("status", "The status must be published, draft, scheduled or all.");
        }
        var rights = viewer is null ? null : await access.ForAsync(viewer, blog, ct);
        var now = time.GetUtcNow().UtcDateTime;
        var ofBlog = db.Posts.AsNoTracking().Where(p => p.BlogId == blog.Id);
        // Readers see what is public; an author also their own posts; editors and owners everything.
        var query = rights is null ? ofBlog.Where(Post.VisibleAt(now))
            : rights.CanSeeAllPosts ? ofBlog
            : ofBlog.Where(Post.VisibleAt(now)).Union(ofBlog.Where(p => p.AuthorId == rights.Viewer.UserId));
        if (status != "all" && PostStatusNames.Parse(status ?? PostStatusNames.Published) is { } wanted)
        {
            query = query.Where(Post.InStatus(wanted, now));
        }
        var (number, size) = Paging.Normalize(page, pageSize);
        var total = await query.CountAsync(ct);
        var ids = await query.OrderByDescending(p => p.PublishedAt ?? p.UpdatedAt).ThenByDescending(p => p.Id)
            .Skip(PageOfRows.Skip(number, size)).Take(size).Select(p => p.Id).ToListAsync(ct);
        var resources = await PostResources.LoadAsync(db, blog, ids, now, SiteAddress.From(context.Request), ct);
        return TypedResults.Ok(new Paged<PostResource>(resources, number, size, total));
    }

    private static async Task<Results<Ok<PostResource>, NotFound, UnauthorizedHttpResult, ProblemHttpResult>> GetAsync(
        string handle, int id, HttpContext context, BlogDirectory blogs, BlogAccessChecker access, QalamDb db, PostTrash trash, TimeProvider time,
        CancellationToken ct)
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
        var now = time.GetUtcNow().UtcDateTime;
        var post = await db.Posts.AsNoTracking().Where(p => p.Id == id && p.BlogId == blog.Id)
            .Select(p => new { p.AuthorId, p.Status, p.PublishedAt }).SingleOrDefaultAsync(ct);
        if (post is null)
        {
            return await trash.HeldPublicAsync(blog.Id, id, ct)
                ? TypedResults.Problem(statusCode: StatusCodes.Status410Gone, title: "The post was deleted.",
                    detail: "It is in the blog's trash; its people may restore it at /api/v1/blogs/{handle}/trash.")
                : TypedResults.NotFound();
        }
        if (Post.StatusAt(post.Status, post.PublishedAt, now) != EffectivePostStatus.Published)
        {
            var rights = viewer is null ? null : await access.ForAsync(viewer, blog, ct);
            if (rights?.CanEditPost(post.AuthorId) != true)
            {
                return TypedResults.NotFound();
            }
        }
        var resources = await PostResources.LoadAsync(db, blog, [id], now, SiteAddress.From(context.Request), ct);
        return TypedResults.Ok(resources[0]);
    }

    private static async Task<Results<Created<PostResource>, ValidationProblem, NotFound, ForbidHttpResult, Conflict<ProblemDetails>>> CreateAsync(
        string handle, PostRequest body, ClaimsPrincipal user, HttpRequest request, BlogAccessChecker access, PostEditor editor,
        QalamDb db, TimeProvider time, BlogDirectory blogs, CancellationToken ct)
    {
        if (await blogs.FindAsync(handle, ct) is not { } blog)
        {
            return TypedResults.NotFound();
        }
        if (await access.ForAsync(Viewer.From(user)!, blog, ct) is not { } rights)
        {
            return TypedResults.Forbid();
        }
        if (body.Pinned == true && !rights.CanSeeAllPosts)
        {
            return NotYoursToPin();
        }
        var outcome = await editor.CreateAsync(blog.Id, blog.Language, rights.Viewer.UserId, ToInput(body), ct);
        return outcome switch
        {
            PostSave.Saved saved => TypedResults.Created($"/api/v1/blogs/{blog.Handle}/posts/{saved.Post.Id}",
                (await PostResources.LoadAsync(db, blog, [saved.Post.Id], time.GetUtcNow().UtcDateTime, SiteAddress.From(request), ct))[0]),
            PostSave.Invalid invalid => Invalid(invalid),
            PostSave.QuotaReached reached => ApiProblems.Conflict("The blog has reached its quota of posts.",
                $"This blog may hold {reached.Limit} posts (drafts included); delete some, or ask the site's operators for more."),
            _ => SlugConflict((PostSave.SlugTaken)outcome),
        };
    }

    private static async Task<Results<Ok<PostResource>, ValidationProblem, NotFound, ForbidHttpResult, Conflict<ProblemDetails>>> UpdateAsync(
        string handle, int id, PostRequest body, ClaimsPrincipal user, HttpRequest request, BlogAccessChecker access, PostEditor editor,
        QalamDb db, TimeProvider time, BlogDirectory blogs, CancellationToken ct)
    {
        if (await blogs.FindAsync(handle, ct) is not { } blog || await editor.FindAsync(blog.Id, id, ct) is not { } post)
        {
            return TypedResults.NotFound();
        }
        var rights = await access.ForAsync(Viewer.From(user)!, blog, ct);
        if (rights?.CanEditPost(post.AuthorId) != true)
        {
            return TypedResults.Forbid();
        }
        if (body.Pinned is not null && body.Pinned != post.Pinned && !rights.CanSeeAllPosts)
        {
            return NotYoursToPin();
        }
        var outcome = await editor.UpdateAsync(post, ToInput(body), Viewer.From(user)!.UserId, ct);
        return outcome switch
        {
            PostSave.Saved => TypedResults.Ok((await PostResources.LoadAsync(db, blog, [id], time.GetUtcNow().UtcDateTime, SiteAddress.From(request), ct))[0]),
            PostSave.Invalid invalid => Invalid(invalid),
            _ => SlugConflict((PostSave.SlugTaken)outcome),
        };
    }

    // Moves the post to the trash (TrashApi restores or purges it).
    private static async Task<Results<NoContent, NotFound, ForbidHttpResult>> DeleteAsync(
        string handle, int id, ClaimsPrincipal user, BlogAccessChecker access, PostEditor editor, PostTrash trash, BlogDirectory blogs, CancellationToken ct)
    {
        if (await blogs.FindAsync(handle, ct) is not { } blog || await editor.FindAsync(blog.Id, id, ct) is not { } post)
        {
            return TypedResults.NotFound();
        }
        var rights = await access.ForAsync(Viewer.From(user)!, blog, ct);
        if (rights?.CanEditPost(post.AuthorId) != true)
        {
            return TypedResults.Forbid();
        }
        await trash.TrashAsync(post, ct);
        return TypedResults.NoContent();
    }

    private static PostInput ToInput(PostRequest body) =>
        new(body.Title, body.Body, body.Language, body.Tags, body.Slug, body.Status, body.PublishedAt, body.CommentsClosed, body.MailToSubscribers,
            body.FeaturedImageId, body.Pinned);

    // Pinning changes the blog's home, which is the owners' and editors' to arrange.
    private static ValidationProblem NotYoursToPin() => ApiProblems.Field("pinned", "Only the blog's owners and editors pin posts.");

    private static ValidationProblem Invalid(PostSave.Invalid invalid) => ApiProblems.Fields(invalid.Errors, e => e.Field.ToString(), e => e.Message);

    private static Conflict<ProblemDetails> SlugConflict(PostSave.SlugTaken taken) =>
        ApiProblems.Conflict("The slug is taken.", $"Another post of this blog has or had the slug '{taken.Slug}'.");
}

// Builds full post resources for a set of ids in a fixed number of queries, whatever the page size.
public static class PostResources
{
    public static async Task<List<PostResource>> LoadAsync(QalamDb db, BlogView blog, IReadOnlyList<int> ids, DateTime now,
        SiteAddress site, CancellationToken ct)
    {
        var posts = await db.Posts.AsNoTracking().Where(p => ids.Contains(p.Id) && p.BlogId == blog.Id)
            .Select(p => new
            {
                p.Id,
                p.Title,
                p.Slug,
                p.Language,
                p.Status,
                p.PublishedAt,
                p.BodyMarkdown,
                p.VisitCount,
                p.CreatedAt,
                p.UpdatedAt,
                Tags = p.Tags.OrderBy(t => t.Name).Select(t => t.Name).ToList(),
                Author = db.Users.Where(u => u.Id == p.AuthorId).Select(u => u.DisplayName).FirstOrDefault(),
                Comments = db.Set<Comment>().Count(c => c.PostId == p.Id && c.Status == CommentStatus.Approved),
                p.Pinned,
                Featured = FeaturedImage.From(p.FeaturedImageId, p.FeaturedImagePath, p.FeaturedImageWidth, p.FeaturedImageHeight, p.FeaturedImageAlt,
                    p.FeaturedImageSrcset),
            })
            .ToListAsync(ct);
        var similar = await db.SimilarPosts.AsNoTracking()
            .Where(s => ids.Contains(s.PostId))
            .Join(db.Posts.Where(p => p.BlogId == blog.Id).Where(Post.VisibleAt(now)), s => s.SimilarPostId, p => p.Id,
                (s, p) => new { s.PostId, s.Score, s.Rank, p.Id, p.Title, p.Slug })
            .ToListAsync(ct);
        var similarByPost = similar.GroupBy(s => s.PostId).ToDictionary(g => g.Key,
            g => g.OrderByDescending(s => s.Score).ThenBy(s => s.Rank).Take(Similar.SimilarPostFinder.Shown)
                .Select(s => new SimilarResource(s.Id, s.Title, site.Post(blog.Handle, s.Slug))).ToList());
        var byId = posts.ToDictionary(p => p.Id);
        return [.. ids.Where(byId.ContainsKey).Select(id =>
        {
            var p = byId[id];
            var status = Post.StatusAt(p.Status, p.PublishedAt, now);
            return new PostResource(p.Id, p.Title, p.Slug, site.Post(blog.Handle, p.Slug), p.Language, PostStatusNames.Of(status),
                p.PublishedAt, p.Tags, p.BodyMarkdown, p.VisitCount, p.Comments,
                similarByPost.GetValueOrDefault(p.Id) ?? [], p.Author, p.CreatedAt, p.UpdatedAt,
                p.Featured is { } f ? new FeaturedImageResource(f.MediaId, site.Absolute(f.Path), f.Width, f.Height, f.Alt) : null, p.Pinned);
        })];
    }
}
