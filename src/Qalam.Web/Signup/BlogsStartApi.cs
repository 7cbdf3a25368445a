using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Qalam.Accounts;
using Qalam.Api;
using Qalam.Blogs;
using Qalam.Storage;

namespace Qalam.Signup;

// POST /api/v1/blogs: a person with a token starts a blog, under the same rules as the sign-up page (its mode, the
// per-address limit) and at most Signup:BlogsPerAccount blogs each. Tokens belong to confirmed addresses only
// (AccessTokenHandler). The install's owners and admins are not limited.
public static class BlogsStartApi
{
    public static void MapBlogsStartApi(this RouteGroupBuilder api) =>
        api.MapPost("/blogs", CreateAsync).WithName("CreateBlog").RequireAuthorization(AccountsFeature.ApiPolicy);

    private static async Task<Results<Created<BlogResource>, ValidationProblem, Conflict<ProblemDetails>, ProblemHttpResult>> CreateAsync(
        BlogRequest body, ClaimsPrincipal user, BlogCreator creator, SignupSettingsStore settingsStore, SignupLimits limits,
        IOptions<SignupOptions> options, QalamDb db, HttpContext context, CancellationToken ct)
    {
        var viewer = Viewer.From(user)!;
        var approval = false;
        if (!viewer.IsInstallAdmin)
        {
            var mode = (await settingsStore.CurrentAsync(ct)).Mode;
            if (mode is SignupMode.Off or SignupMode.Invitation)
            {
                return Refused(StatusCodes.Status403Forbidden, "New blogs are not open on this install.",
                    mode == SignupMode.Off ? "The install's operators make its blogs." : "New blogs need an invitation from the install's operators (/signup).");
            }
            var owned = await db.BlogMembers.CountAsync(m => m.UserId == viewer.UserId && m.Role == BlogRole.Owner, ct);
            if (owned >= options.Value.BlogsPerAccount)
            {
                return Refused(StatusCodes.Status403Forbidden, "No more blogs for this account.",
                    $"An account may start {options.Value.BlogsPerAccount} blogs on this install, and this one owns {owned}.");
            }
            if (!await limits.TryTakeAsync(context.Connection.RemoteIpAddress?.ToString()))
            {
                return Refused(StatusCodes.Status429TooManyRequests, "Too many new blogs from this address.", "Try again later.");
            }
            approval = mode == SignupMode.Approval;
        }
        switch (await creator.CreateAsync(new NewBlog(body.Handle, body.Title, body.Language, body.Description), viewer.UserId, ct))
        {
            case BlogCreation.Invalid invalid:
                return ApiProblems.Fields(invalid.Errors, e => e.Field.ToString(), e => e.Message);
            case BlogCreation.HandleTaken:
                return ApiProblems.Conflict("The handle is taken.", $"A blog with the handle '{body.Handle}' already exists.");
            case BlogCreation.Created { Blog: var created }:
                if (approval)
                {
                    // Hidden from readers until the operator approves it, as a blog made on the sign-up page.
                    var tracked = await db.Blogs.SingleAsync(b => b.Id == created.Id, ct);
                    tracked.HideUntilConfirmed(needsApproval: true);
                    tracked.Confirmed();
                    await db.SaveChangesAsync(ct);
                }
                var blog = BlogView.Of(created);
                return TypedResults.Created($"/api/v1/blogs/{blog.Handle}", BlogsApi.ToResource(blog, SiteAddress.From(context.Request)));
            default:
                throw new InvalidOperationException("Unknown outcome of creating a blog.");
        }
    }

    private static ProblemHttpResult Refused(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);
}
