using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Qalam.Accounts;
using Qalam.Admin;

namespace Qalam.Media.Admin;

// The blog's media library: upload images, find them by name or alt text, copy the Markdown that puts them in a post,
// see which posts show them, edit their alt text, delete them (with a warning when posts show them). Any member may
// upload; the uploader, editors and owners may change or delete an image.
// The request limits sit above Media:MaxBytes' ceiling; the library enforces the configured size itself.
[RequestSizeLimit(101 * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = 101 * 1024 * 1024)]
public sealed class MediaPageModel(BlogAccessChecker access, MediaLibrary media, IOptions<MediaOptions> options) : AdminPageModel
{
    public List<MediaItem> Items { get; private set; } = [];
    public int Total { get; private set; }
    public int PageNumber { get; private set; } = 1;
    public string? Query { get; private set; }
    public string? Error { get; private set; }
    public string? Notice { get; private set; }
    public string? Uploaded { get; private set; }
    public long MaxBytes => options.Value.MaxBytes;

    // Set when a delete waits for its confirmation: the image and the posts that show it.
    public MediaItem? Deleting { get; private set; }

    public int PageCount => Storage.PageOfRows.Count(Total, MediaLibrary.PageSize);

    public async Task<IActionResult> OnGetAsync(string blog, string? uploaded, string? q, int? page, string? done, CancellationToken cancellationToken)
    {
        if (!await LoadBlogAsync(access, blog, cancellationToken))
        {
            return NotFound();
        }
        Uploaded = uploaded;
        Query = string.IsNullOrWhiteSpace(q) ? null : q.Trim()[..Math.Min(q.Trim().Length, 200)];
        PageNumber = Math.Max(1, page ?? 1);
        Notice = done is "alt" or "deleted" ? Text["Admin.Media.Done." + done] : null;
        return await ShowAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAltAsync(string blog, int id, string? alt, CancellationToken cancellationToken)
    {
        if (await LoadItemAsync(blog, id, cancellationToken) is not { } found)
        {
            return NotFound();
        }
        if (!MayChange(found.UploadedBy))
        {
            return Forbid();
        }
        await media.SetAltAsync(found, alt, cancellationToken);
        return Redirect($"/admin/{Access.Blog.Handle}/media?done=alt");
    }

    // Without `confirmed`, an image that posts show is not deleted: the page lists those posts and asks again.
    public async Task<IActionResult> OnPostDeleteAsync(string blog, int id, bool confirmed, CancellationToken cancellationToken)
    {
        if (await LoadItemAsync(blog, id, cancellationToken) is not { } found)
        {
            return NotFound();
        }
        if (!MayChange(found.UploadedBy))
        {
            return Forbid();
        }
        var usedIn = await media.UsedInAsync(Access.Blog.Id, found.Id, found.StoredName, cancellationToken);
        if (usedIn.Count > 0 && !confirmed)
        {
            Deleting = new MediaItem(found.Id, found.StoredName, found.OriginalName, found.ContentType, found.Size + found.CopiesSize, found.CreatedAt,
                found.Alt, found.Width, found.Height, found.UploadedBy) { UsedIn = usedIn };
            Response.StatusCode = StatusCodes.Status409Conflict;
            return await ShowAsync(cancellationToken);
        }
        await media.DeleteAsync(found, cancellationToken);
        return Redirect($"/admin/{Access.Blog.Handle}/media?done=deleted");
    }

    public bool MayChange(string? uploadedBy) => Access.CanSeeAllPosts || uploadedBy == Viewer.UserId;

    public string Link(int page) => $"?page={page}" + (Query is { } q ? $"&q={Uri.EscapeDataString(q)}" : "");

    private async Task<MediaFile?> LoadItemAsync(string blog, int id, CancellationToken cancellationToken) =>
        await LoadBlogAsync(access, blog, cancellationToken) ? await media.FindAsync(Access.Blog.Id, id, cancellationToken) : null;

    public async Task<IActionResult> OnPostAsync(string blog, IFormFile? file, CancellationToken cancellationToken)
    {
        if (!await LoadBlogAsync(access, blog, cancellationToken))
        {
            return NotFound();
        }
        switch (await StoreAsync(file, cancellationToken))
        {
            case UploadOutcome.Stored stored:
                return Redirect($"/admin/{Access.Blog.Handle}/media?uploaded={stored.File.StoredName}");
            case UploadOutcome.Refused refused:
                Error = Problem(refused.Problem);
                break;
        }
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return await ShowAsync(cancellationToken);
    }

    // The editor's drag-and-drop, paste and file button: the same checks, answered in JSON for the script.
    public async Task<IActionResult> OnPostUploadAsync(string blog, IFormFile? file, string? alt, CancellationToken cancellationToken)
    {
        if (!await LoadBlogAsync(access, blog, cancellationToken))
        {
            return NotFound();
        }
        return await StoreAsync(file, cancellationToken, alt) switch
        {
            UploadOutcome.Stored stored => new JsonResult(new
            {
                id = stored.File.Id,
                url = MediaLibrary.PathOf(Access.Blog.Handle, stored.File.StoredName),
                alt = stored.File.Alt,
                name = stored.File.OriginalName,
            }),
            UploadOutcome.Refused refused => new JsonResult(new { error = Problem(refused.Problem) })
            {
                StatusCode = StatusCodes.Status422UnprocessableEntity,
            },
            _ => throw new InvalidOperationException("An upload is either stored or refused."),
        };
    }

    public string Markdown(MediaItem item) =>
        $"![{item.Alt ?? Path.GetFileNameWithoutExtension(item.OriginalName)}]({MediaLibrary.PathOf(Access.Blog.Handle, item.StoredName)})";

    private async Task<UploadOutcome> StoreAsync(IFormFile? file, CancellationToken cancellationToken, string? alt = null)
    {
        if (file is null)
        {
            return new UploadOutcome.Refused(UploadProblem.Empty);
        }
        await using var stream = file.OpenReadStream();
        return await media.StoreAsync(Access, file.FileName, file.Length, stream, cancellationToken, alt);
    }

    private string Problem(UploadProblem problem) => MediaLibrary.Describe(problem, Text, options.Value);

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        (Items, Total) = await media.ListAsync(Access.Blog.Id, Query, PageNumber, cancellationToken);
        Chrome(Text["Admin.Media"]);
        return Page();
    }
}
