using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Qalam.Accounts;
using Qalam.Admin;

namespace Qalam.Media.Admin;

// Upload images and copy the Markdown that puts them in a post. Any member of the blog may upload.
// The request limits sit above Media:MaxBytes' ceiling; the library enforces the configured size itself.
[RequestSizeLimit(101 * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = 101 * 1024 * 1024)]
public sealed class MediaPageModel(BlogAccessChecker access, MediaLibrary media, IOptions<MediaOptions> options) : AdminPageModel
{
    public List<MediaItem> Items { get; private set; } = [];
    public string? Error { get; private set; }
    public string? Uploaded { get; private set; }
    public long MaxBytes => options.Value.MaxBytes;

    public async Task<IActionResult> OnGetAsync(string blog, string? uploaded, CancellationToken cancellationToken)
    {
        if (!await LoadBlogAsync(access, blog, cancellationToken))
        {
            return NotFound();
        }
        Uploaded = uploaded;
        return await ShowAsync(cancellationToken);
    }

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
    public async Task<IActionResult> OnPostUploadAsync(string blog, IFormFile? file, CancellationToken cancellationToken)
    {
        if (!await LoadBlogAsync(access, blog, cancellationToken))
        {
            return NotFound();
        }
        return await StoreAsync(file, cancellationToken) switch
        {
            UploadOutcome.Stored stored => new JsonResult(new
            {
                url = MediaLibrary.PathOf(Access.Blog.Handle, stored.File.StoredName),
                name = stored.File.OriginalName,
            }),
            UploadOutcome.Refused refused => new JsonResult(new { error = Problem(refused.Problem) })
            {
                StatusCode = StatusCodes.Status422UnprocessableEntity,
            },
            _ => throw new InvalidOperationException("An upload is either stored or refused."),
        };
    }

    public string Markdown(MediaItem item) => $"![{Path.GetFileNameWithoutExtension(item.OriginalName)}]({MediaLibrary.PathOf(Access.Blog.Handle, item.StoredName)})";

    private async Task<UploadOutcome> StoreAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null)
        {
            return new UploadOutcome.Refused(UploadProblem.Empty);
        }
        await using var stream = file.OpenReadStream();
        return await media.StoreAsync(Access, file.FileName, file.Length, stream, cancellationToken);
    }

    private string Problem(UploadProblem problem) => problem switch
    {
        UploadProblem.TooLarge => Text["Admin.Media.TooLarge", Text.Number(MaxBytes / (1024 * 1024))],
        UploadProblem.NotAnImage => Text["Admin.Media.NotAnImage"],
        UploadProblem.QuotaReached => Text["Quota.Media"],
        UploadProblem.TooManyPixels => Text["Admin.Media.TooManyPixels", Text.Number(options.Value.MaxPixels / 1_000_000)],
        _ => Text["Admin.Media.Empty"],
    };

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        Items = await media.ListAsync(Access.Blog.Id, cancellationToken);
        Chrome(Text["Admin.Media"]);
        return Page();
    }
}
