using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Qalam.Accounts;
using Qalam.Api;
using Qalam.Blogs;
using Qalam.Posts;
using Qalam.Storage;

namespace Qalam.Comments;

public sealed record CommentResource(int Id, int PostId, int? ParentId, string AuthorName, string? AuthorWebsite, string Body,
    string Status, DateTime CreatedAt, string Url);

public sealed record CommentRequest(string? Body, int? ParentId);

public sealed record ModerationRequest(string? Status);

public static class CommentsApi
{
    public static void MapCommentsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/blogs/{handle}/posts/{id:int}/comments", ListAsync).WithName("ListComments");
        api.MapPost("/blogs/{handle}/posts/{id:int}/comments", CreateAsync).WithName("CreateComment").RequireAuthorization(AccountsFeature.ApiPolicy);
        api.MapPut("/blogs/{handle}/comments/{commentId:int}", ModerateAsync).WithName("ModerateComment").RequireAuthorization(AccountsFeature.ApiPolicy);
    }

    // Readers see approved comments; a moderator of the post may ask for pending, spam or all.
    private static async Task<Results<Ok<Paged<CommentResource>>, NotFound, UnauthorizedHttpResult, ForbidHttpResult, ValidationProblem>> ListAsync(
        string handle, int id, int? page, int? pageSize, string? status, HttpContext context, BlogDirectory blogs, BlogAccessChecker access,
        QalamDb db, TimeProvider time, CancellationToken ct)
    {
        var (viewer, rejected) = await ApiViewer.OptionalAsync(context);
        if (rejected)
        {
            return TypedResults.Unauthorized();
        }
        var now = time.GetUtcNow().UtcDateTime;
        if (await blogs.FindAsync(handle, ct) is not { } blog
            || await db.Posts.AsNoTracking().Where(p => p.Id == id && p.BlogId == blog.Id).Where(Post.VisibleAt(now))
                .Select(p => new { p.Slug, p.AuthorId }).SingleOrDefaultAsync(ct) is not { } post)
        {
            return TypedResults.NotFound();
        }
        CommentStatus[] statuses;
        switch (status)
        {
            case null or "approved":
                statuses = [CommentStatus.Approved];
                break;
            case "pending" or "spam" or "all":
                var rights = viewer is null ? null : await access.ForAsync(viewer, blog, ct);
                if (rights?.CanModerateCommentsOn(post.AuthorId) != true)
                {
                    return TypedResults.Forbid();
                }
                statuses = status switch
                {
                    "pending" => [CommentStatus.Pending],
                    "spam" => [CommentStatus.Spam],
                    _ => [CommentStatus.Pending, CommentStatus.Approved, CommentStatus.Spam],
                };
                break;
            default:
                return ApiProblems.Field("status", "The status must be approved, pending, spam or all.");
        }
        var (number, size) = Paging.Normalize(page, pageSize);
        var query = db.Comments.AsNoTracking().Where(c => c.PostId == id && statuses.Contains(c.Status));
        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).Skip(PageOfRows.Skip(number, size)).Take(size).ToListAsync(ct);
        var site = SiteAddress.From(context.Request);
        return TypedResults.Ok(new Paged<CommentResource>([.. rows.Select(c => ToResource(c, blog.Handle, post.Slug, site))], number, size, total));
    }

    // A comment sent with a token is signed with the account's name. On a post the person may moderate it is
    // published at once (an author answering); otherwise the blog's comment policy applies as for any reader.
    private static async Task<Results<Created<CommentResource>, ValidationProblem, NotFound, ForbidHttpResult, Conflict<ProblemDetails>, ProblemHttpResult>> CreateAsync(
        string handle, int id, CommentRequest body, ClaimsPrincipal user, HttpRequest request, BlogDirectory blogs, BlogAccessChecker access,
        UserManager<QalamUser> users, CommentSubmitter submitter, QalamDb db, CancellationToken ct)
    {
        if (await blogs.FindAsync(handle, ct) is not { } blog
            || await db.Posts.AsNoTracking().Where(p => p.Id == id && p.BlogId == blog.Id)
                .Select(p => new { p.Slug, p.AuthorId }).SingleOrDefaultAsync(ct) is not { } post)
        {
            return TypedResults.NotFound();
        }
        var viewer = Viewer.From(user)!;
        var account = await users.FindByIdAsync(viewer.UserId);
        if (account is null)
        {
            return TypedResults.Forbid();
        }
        var rights = await access.ForAsync(viewer, blog, ct);
        var moderator = rights?.CanModerateCommentsOn(post.AuthorId) == true;
        var outcome = await submitter.SubmitAsync(blog, id,
            new CommentInput(account.DisplayName, account.Email, null, body.Body, body.ParentId),
            new CommentSource(SiteAddress.From(request), request.HttpContext.Connection.RemoteIpAddress?.ToString(), ByModerator: moderator), ct);
        switch (outcome)
        {
            case CommentOutcome.Published or CommentOutcome.Held:
                var commentId = outcome is CommentOutcome.Published p ? p.CommentId : ((CommentOutcome.Held)outcome).CommentId;
                var comment = await db.Comments.AsNoTracking().SingleAsync(c => c.Id == commentId, ct);
                return TypedResults.Created($"/api/v1/blogs/{blog.Handle}/posts/{id}/comments",
                    ToResource(comment, blog.Handle, post.Slug, SiteAddress.From(request)));
            case CommentOutcome.Invalid invalid:
                return ApiProblems.Fields(invalid.Errors, e => e.Field.ToString(), Describe);
            case CommentOutcome.Rejected { Reason: CommentRejection.Closed }:
                return ApiProblems.Conflict("Comments are closed on this post.");
            case CommentOutcome.Rejected { Reason: CommentRejection.Duplicate }:
                return ApiProblems.Conflict("This comment was already sent.");
            case CommentOutcome.Rejected { Reason: CommentRejection.AddressRateLimited or CommentRejection.BlogRateLimited }:
                return TypedResults.Problem("Too many comments in a short time; try again in a few minutes.", statusCode: StatusCodes.Status429TooManyRequests);
            case CommentOutcome.Rejected { Reason: CommentRejection.ParentNotFound }:
                return ApiProblems.Field("parentId", "There is no approved comment with this id on the post.");
            default:
                return TypedResults.NotFound();
        }
    }

    private static async Task<Results<Ok<CommentResource>, NotFound, ForbidHttpResult, ValidationProblem>> ModerateAsync(
        string handle, int commentId, ModerationRequest body, ClaimsPrincipal user, HttpRequest request, BlogDirectory blogs,
        BlogAccessChecker access, CommentModeration moderation, QalamDb db, CancellationToken ct)
    {
        ModerationAction? action = body.Status switch
        {
            "approved" => ModerationAction.Approve,
            "pending" => ModerationAction.Hold,
            "spam" => ModerationAction.Spam,
            "deleted" => ModerationAction.Delete,
            _ => null,
        };
        if (action is null)
        {
            return ApiProblems.Field("status", "The status must be approved, pending, spam or deleted.");
        }
        if (await blogs.FindAsync(handle, ct) is not { } blog
            || await db.Comments.AsNoTracking().Where(c => c.Id == commentId && c.BlogId == blog.Id)
                .Join(db.Posts, c => c.PostId, p => p.Id, (c, p) => new { p.Slug, p.AuthorId }).SingleOrDefaultAsync(ct) is not { } post)
        {
            return TypedResults.NotFound();
        }
        var rights = await access.ForAsync(Viewer.From(user)!, blog, ct);
        if (rights?.CanModerateCommentsOn(post.AuthorId) != true)
        {
            return TypedResults.Forbid();
        }
        await moderation.ApplyAsync(rights, [commentId], action.Value, SiteAddress.From(request), ct);
        var comment = await db.Comments.AsNoTracking().SingleAsync(c => c.Id == commentId, ct);
        return TypedResults.Ok(ToResource(comment, blog.Handle, post.Slug, SiteAddress.From(request)));
    }

    private static CommentResource ToResource(Comment c, string handle, string slug, SiteAddress site) =>
        new(c.Id, c.PostId, c.ParentId, c.AuthorName, c.AuthorWebsite, c.Body, c.Status.ToString().ToLowerInvariant(), c.CreatedAt,
            site.Comment(handle, slug, c.Id));

    private static string Describe(CommentFieldError error) => error.Problem switch
    {
        CommentProblem.Required => "This field is required.",
        CommentProblem.TooLong => $"This field must be at most {error.Limit} characters.",
        CommentProblem.InvalidEmail => "The email address is not valid.",
        _ => "The website must be an http or https address.",
    };
}
