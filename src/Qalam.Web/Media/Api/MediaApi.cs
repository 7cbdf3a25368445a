using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Qalam.Accounts;
using Qalam.Api;
using Qalam.Blogs;

namespace Qalam.Media.Api;

// Url is the original's absolute address; UsedIn names the posts that show the image (their ids).
public sealed record MediaResource(int Id, string Url, string Name, string Type, int Width, int Height, string? Alt, long Bytes, DateTime CreatedAt,
    IReadOnlyList<int> UsedIn);

// The blog's images for API clients: list them (to name one as a post's featured image) and upload one through the
// same checks and processing as the editor's upload. Only the blog's people reach them, with an access token.
public static class MediaApi
{
    public static void MapMediaApi(this RouteGroupBuilder api)
    {
        api.MapGet("/blogs/{handle}/media", ListAsync).WithName("ListMedia").RequireAuthorization(AccountsFeature.ApiPolicy);
        // Access tokens, never cookies, authorise the API (AccountsFeature.ApiPolicy), so a form on another site cannot
        // post here in a signed-in person's name: the antiforgery check forms need does not apply.
        api.MapPost("/blogs/{handle}/media", UploadAsync).WithName("UploadMedia").RequireAuthorization(AccountsFeature.ApiPolicy).DisableAntiforgery();
    }

    // Thirty to a page, as the library page shows them.
    private static async Task<Results<Ok<Paged<MediaResource>>, NotFound, ForbidHttpResult>> ListAsync(string handle, int? page, string? q,
        ClaimsPrincipal user, HttpRequest request, BlogDirectory blogs, BlogAccessChecker access, MediaLibrary media, CancellationToken ct)
    {
        if (await blogs.FindAsync(handle, ct) is not { } blog)
        {
            return TypedResults.NotFound();
        }
        if (await access.ForAsync(Viewer.From(user)!, blog, ct) is null)
        {
            return TypedResults.Forbid();
        }
        var number = Paging.Normalize(page, null).Page;
        var (items, total) = await media.ListAsync(blog.Id, q, number, ct);
        var site = SiteAddress.From(request);
        return TypedResults.Ok(new Paged<MediaResource>([.. items.Select(i => Resource(blog.Handle, i, site))], number, MediaLibrary.PageSize, total));
    }

    private static async Task<Results<Created<MediaResource>, NotFound, ForbidHttpResult, ValidationProblem, Conflict<ProblemDetails>>> UploadAsync(
        string handle, ClaimsPrincipal user, HttpRequest request, BlogDirectory blogs, BlogAccessChecker access, MediaLibrary media,
        IOptions<MediaOptions> options, CancellationToken ct)
    {
        if (await blogs.FindAsync(handle, ct) is not { } blog)
        {
            return TypedResults.NotFound();
        }
        if (await access.ForAsync(Viewer.From(user)!, blog, ct) is not { } rights)
        {
            return TypedResults.Forbid();
        }
        // The form is read only once the caller's rights are known: a stranger learns nothing from how a body is refused.
        var form = request.HasFormContentType ? await request.ReadFormAsync(ct) : null;
        if (form?.Files.GetFile("file") is not { } file)
        {
            return ApiProblems.Field("file", "Send the image as the multipart/form-data field 'file'.");
        }
        var alt = form["alt"].ToString();
        await using var stream = file.OpenReadStream();
        return await media.StoreAsync(rights, file.FileName, file.Length, stream, ct, alt) switch
        {
            UploadOutcome.Stored stored => TypedResults.Created($"/api/v1/blogs/{blog.Handle}/media",
                Resource(blog.Handle, new MediaItem(stored.File.Id, stored.File.StoredName, stored.File.OriginalName, stored.File.ContentType, stored.File.Size,
                    stored.File.CreatedAt, stored.File.Alt, stored.File.Width, stored.File.Height, stored.File.UploadedBy), SiteAddress.From(request))),
            UploadOutcome.Refused { Problem: UploadProblem.QuotaReached } => ApiProblems.Conflict("The blog has reached its storage quota.",
                "Delete some images, or ask the site's operators for more room."),
            UploadOutcome.Refused refused => ApiProblems.Field("file", refused.Problem switch
            {
                UploadProblem.TooLarge => $"The file is larger than {options.Value.MaxBytes} bytes.",
                UploadProblem.TooManyPixels => $"The image has more than {options.Value.MaxPixels} pixels.",
                UploadProblem.Empty => "The file is empty.",
                _ => "The file is not a PNG, JPEG, GIF or WebP image (its content decides, not its name).",
            }),
            _ => throw new InvalidOperationException("An upload is either stored or refused."),
        };
    }

    private static MediaResource Resource(string handle, MediaItem item, SiteAddress site) =>
        new(item.Id, site.Absolute(MediaLibrary.PathOf(handle, item.StoredName)), item.OriginalName, item.ContentType, item.Width, item.Height, item.Alt,
            item.Size, item.CreatedAt, [.. item.UsedIn.Select(p => p.Id)]);
}
