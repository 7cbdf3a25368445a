using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Qalam.Accounts;
using Qalam.Blogs;
using Qalam.Storage;

namespace Qalam.Posts.Api;

public sealed record TrashedPostResource(int Id, string Title, string Slug, string Language, DateTime TrashedAt, DateTime PurgeAt, string? Author);

// The blog's trash: what DELETE …/posts/{id} put there, restorable until it is purged.
public static class TrashApi
{
    public static void MapTrashApi(this RouteGroupBuilder api)
    {
        api.MapGet("/blogs/{handle}/trash", ListAsync).WithName("ListTrash").RequireAuthorization(AccountsFeature.ApiPolicy);
        api.MapPost("/blogs/{handle}/trash/{id:int}/restore", RestoreAsync).WithName("RestorePost").RequireAuthorization(AccountsFeature.ApiPolicy);
        api.MapDelete("/blogs/{handle}/trash/{id:int}", PurgeAsync).WithName("PurgePost").RequireAuthorization(AccountsFeature.ApiPolicy);
    }

    // Authors see what they trashed of their own; editors and owners the whole trash.
    private static async Task<Results<Ok<List<TrashedPostResource>>, NotFound, ForbidHttpResult>> ListAsync(
        string handle, ClaimsPrincipal user, BlogDirectory blogs, BlogAccessChecker access, PostTrash trash, CancellationToken ct)
    {
        if (await blogs.FindAsync(handle, ct) is not { } blog)
        {
            return TypedResults.NotFound();
        }
        if (await access.ForAsync(Viewer.From(user)!, blog, ct) is not { } rights)
        {
            return TypedResults.Forbid();
        }
        var rows = await trash.ListAsync(rights, ct);
        return TypedResults.Ok(rows.Select(r => new TrashedPostResource(r.Id, r.Title, r.Slug, r.Language, r.TrashedAt, r.PurgeAt, r.Author)).ToList());
    }

    private static async Task<Results<Ok<PostResource>, NotFound, ForbidHttpResult>> RestoreAsync(
        string handle, int id, ClaimsPrincipal user, HttpRequest request, BlogDirectory blogs, BlogAccessChecker access, PostTrash trash,
        QalamDb db, TimeProvider time, CancellationToken ct)
    {
        if (await FindAsync(handle, id, user, blogs, access, trash, ct) is not ({ } blog, { } post, var allowed))
        {
            return TypedResults.NotFound();
        }
        if (!allowed)
        {
            return TypedResults.Forbid();
        }
        await trash.RestoreAsync(post, ct);
        return TypedResults.Ok((await PostResources.LoadAsync(db, blog, [post.Id], time.GetUtcNow().UtcDateTime, SiteAddress.From(request), ct))[0]);
    }

    private static async Task<Results<NoContent, NotFound, ForbidHttpResult>> PurgeAsync(
        string handle, int id, ClaimsPrincipal user, BlogDirectory blogs, BlogAccessChecker access, PostTrash trash, CancellationToken ct)
    {
        if (await FindAsync(handle, id, user, blogs, access, trash, ct) is not (not null, { } post, var allowed))
        {
            return TypedResults.NotFound();
        }
        if (!allowed)
        {
            return TypedResults.Forbid();
        }
        await trash.PurgeAsync(post, ct);
        return TypedResults.NoContent();
    }

    // The blog comes from the route and the post from that blog's trash; a person outside the blog is told nothing.
    private static async Task<(BlogView? Blog, Post? Post, bool Allowed)> FindAsync(string handle, int id, ClaimsPrincipal user,
        BlogDirectory blogs, BlogAccessChecker access, PostTrash trash, CancellationToken ct)
    {
        if (await blogs.FindAsync(handle, ct) is not { } blog || await access.ForAsync(Viewer.From(user)!, blog, ct) is not { } rights
            || await trash.FindAsync(blog.Id, id, ct) is not { } post)
        {
            return (null, null, false);
        }
        return (blog, post, rights.CanEditPost(post.AuthorId));
    }
}
