using Microsoft.AspNetCore.Mvc;
using Qalam.Accounts;
using Qalam.Admin;
using Qalam.Storage;

namespace Qalam.Subscriptions.Admin;

// A blog's email subscribers, for its owners: how many over time, who, CSV out and in.
[RequestSizeLimit(SubscribersModel.MaxUploadBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = SubscribersModel.MaxUploadBytes)]
public sealed class SubscribersModel(BlogAccessChecker access, SubscriberAdmin subscribers, SubscriberDirectory directory) : AdminPageModel
{
    public const long MaxUploadBytes = 20L * 1024 * 1024;
    public static readonly int[] Periods = [30, 90, 365];

    public SubscriberCounts Counts { get; private set; } = new(0, 0, 0, 0);
    public List<DaySubscribers> Series { get; private set; } = [];
    public int Days { get; private set; } = 30;
    public List<SubscriberRow> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int PageNumber { get; private set; } = 1;
    public string? Query { get; private set; }
    public SubscriberImportReport? Imported { get; private set; }
    public string? Error { get; private set; }
    public bool MailEnabled => directory.Enabled;

    public int PageCount => PageOfRows.Count(Total, SubscriberAdmin.PageSize);

    public async Task<IActionResult> OnGetAsync(string blog, int? days, string? q, int? page, CancellationToken cancellationToken)
    {
        if (await LoadAsync(blog, cancellationToken) is { } failure)
        {
            return failure;
        }
        Days = Periods.Contains(days ?? 30) ? days ?? 30 : 30;
        Query = string.IsNullOrWhiteSpace(q) ? null : q.Trim()[..Math.Min(q.Trim().Length, 254)];
        PageNumber = Math.Max(1, page ?? 1);
        return await ShowAsync(cancellationToken);
    }

    public async Task<IActionResult> OnGetExportAsync(string blog, CancellationToken cancellationToken)
    {
        if (await LoadAsync(blog, cancellationToken) is { } failure)
        {
            return failure;
        }
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"{Access.Blog.Handle}-subscribers.csv\"";
        await subscribers.WriteCsvAsync(Access.Blog.Id, Response.Body, cancellationToken);
        return new EmptyResult();
    }

    public async Task<IActionResult> OnPostImportAsync(string blog, IFormFile? file, bool vouch, CancellationToken cancellationToken)
    {
        if (await LoadAsync(blog, cancellationToken) is { } failure)
        {
            return failure;
        }
        if (file is null || file.Length == 0)
        {
            Error = Text["Admin.Subscribers.Import.Empty"];
        }
        else if (!vouch && !directory.Enabled)
        {
            Error = Text["Admin.Subscribers.Import.NoMail"];
        }
        else
        {
            await using var stream = file.OpenReadStream();
            Imported = await subscribers.ImportAsync(Access.Blog, stream, vouch, cancellationToken);
        }
        if (Error is not null)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
        return await ShowAsync(cancellationToken);
    }

    public string Link(int page) => $"?days={Days}&page={page}" + (Query is { } q ? $"&q={Uri.EscapeDataString(q)}" : "");

    // Addresses are the owners' alone: editors and authors of the blog do not see this page.
    private async Task<IActionResult?> LoadAsync(string blog, CancellationToken cancellationToken)
    {
        if (!await LoadBlogAsync(access, blog, cancellationToken))
        {
            return NotFound();
        }
        return Access.CanManageBlog ? null : Forbid();
    }

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        Counts = await subscribers.CountsAsync(Access.Blog.Id, cancellationToken);
        Series = await subscribers.DailyAsync(Access.Blog, Days, cancellationToken);
        (Rows, Total) = await subscribers.ListAsync(Access.Blog.Id, Query, PageNumber, cancellationToken);
        Chrome(Text["Admin.Subscribers"]);
        return Page();
    }
}
