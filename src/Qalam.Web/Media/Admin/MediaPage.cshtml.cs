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
        if (file is null)
        {
            Error = Text["Admin.Media.Empty"];
        }
        else
        {
            await using var stream = file.OpenReadStream();
            switch (await media.StoreAsync(Access, file.FileName, file.Length, stream, cancellationToken))
            {
                case UploadOutcome.Stored stored:
                    return Redirect($"/admin/{Access.Blog.Handle}/media?uploaded={stored.File.StoredName}");
                case UploadOutcome.Refused { Problem: UploadProblem.TooLarge }:
                    Error = Text["Admin.Media.TooLarge", Text.Number(MaxBytes / (1024 * 1024))];
                    break;
                case UploadOutcome.Refused { Problem: UploadProblem.NotAnImage }:
                    Error = Text["Admin.Media.NotAnImage"];
                    break;
                case UploadOutcome.Refused { Problem: UploadProblem.QuotaReached }:
                    Error = Text["Quota.Media"];
                    break;
                default:
                    Error = Text["Admin.Media.Empty"];
                    break;
            }
        }
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return await ShowAsync(cancellationToken);
    }

    public string Markdown(MediaItem item) => $"![{Path.GetFileNameWithoutExtension(item.OriginalName)}]({MediaLibrary.PathOf(Access.Blog.Handle, item.StoredName)})";

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        Items = await media.ListAsync(Access.Blog.Id, cancellationToken);
        Chrome(Text["Admin.Media"]);
        return Page();
    }
}
