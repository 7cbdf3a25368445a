using Microsoft.AspNetCore.Mvc;
using Qalam.Blogs;
using Qalam.Comments;
using Qalam.Storage;

namespace Qalam.Operator;

// /admin/operator/spam: comments held as spam across every blog, narrowed to one sending address if asked, with
// "not spam" and "delete" for the chosen ones or for everything from that address. Install owners and admins only.
public sealed class SpamPageModel(SpamAcrossBlogs spam) : OperatorAreaPageModel
{
    public List<SpamItem> Items { get; private set; } = [];
    public int Total { get; private set; }
    public int PageNumber { get; private set; } = 1;
    public string? Address { get; private set; }
    public string? Notice { get; private set; }
    public Shared.Pager Pager => new(PageNumber, PageOfRows.Count(Total, SpamAcrossBlogs.PageSize), n => Shared.Pager.Query(n, ("address", Address)),
        Text["Operator.SpamTitle"], Text["Home.Newer"], Text["Home.Older"]);

    public async Task<IActionResult> OnGetAsync(string? address, [FromQuery(Name = "page")] int? page, int? changed, CancellationToken cancellationToken)
    {
        Notice = changed is { } n ? Text.Counted("Operator.SpamChanged", n) : null;
        await LoadAsync(address, page, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int[]? ids, string? apply, string? address, bool everyFromAddress, CancellationToken cancellationToken)
    {
        var action = apply switch
        {
            "approve" => ModerationAction.Approve,
            "delete" => ModerationAction.Delete,
            _ => (ModerationAction?)null,
        };
        if (action is null || (!everyFromAddress && (ids is null || ids.Length == 0)) || (everyFromAddress && string.IsNullOrWhiteSpace(address)))
        {
            return BadRequest();
        }
        var changed = await spam.ApplyAsync(Viewer, ids ?? [], everyFromAddress ? address : null, action.Value, SiteAddress.From(Request), cancellationToken);
        return Redirect($"/admin/operator/spam?changed={changed}" + (string.IsNullOrWhiteSpace(address) ? "" : $"&address={Uri.EscapeDataString(address)}"));
    }

    private async Task LoadAsync(string? address, int? page, CancellationToken cancellationToken)
    {
        Address = address?.Trim() is { Length: > 0 and <= 64 } given ? given : null;
        PageNumber = Math.Clamp(page ?? 1, 1, 100_000);
        (Items, Total) = await spam.PageAsync(Address, PageNumber, cancellationToken);
        Chrome(Text["Operator.SpamTitle"]);
    }
}
