using Microsoft.AspNetCore.Mvc;
using Qalam.Accounts;
using Qalam.Admin;
using Qalam.Storage;

namespace Qalam.Posts.Admin;

public sealed class PostsModel(BlogAccessChecker access, AdminPosts posts) : AdminPageModel
{
    public const int PageSize = 25;

    public List<AdminPostRow> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int PageNumber { get; private set; } = 1;
    public EffectivePostStatus? Status { get; private set; }
    public string? Query { get; private set; }
    // The post just moved to the trash, offered back at once.
    public int? Trashed { get; private set; }
    public int? Restored { get; private set; }

    public async Task<IActionResult> OnGetAsync(string blog, string? status, string? q, int? page, int? trashed, int? restored, CancellationToken cancellationToken)
    {
        if (!await LoadBlogAsync(access, blog, cancellationToken))
        {
            return NotFound();
        }
        Status = Enum.TryParse<EffectivePostStatus>(status, ignoreCase: true, out var parsed) ? parsed : null;
        Query = string.IsNullOrWhiteSpace(q) ? null : q.Trim()[..Math.Min(q.Trim().Length, 200)];
        PageNumber = Math.Max(1, page ?? 1);
        (Trashed, Restored) = (trashed, restored);
        (Rows, Total) = await posts.ListAsync(Access, Status, Query, PageNumber, PageSize, cancellationToken);
        Chrome(Text["Admin.Posts"]);
        return Page();
    }

    public int PageCount => PageOfRows.Count(Total, PageSize);

    public string Link(int page) =>
        $"?page={page}" + (Status is { } s ? $"&status={s.ToString().ToLowerInvariant()}" : "") + (Query is { } q ? $"&q={Uri.EscapeDataString(q)}" : "");
}
