using Microsoft.AspNetCore.Mvc;
using Qalam.Storage;

namespace Qalam.Operator;

// /admin/operator/users: the install's accounts, found by email or name, with their blogs; lock and unlock sign-in, and
// make a password-reset link to hand to someone locked out of their account.
public sealed class UsersPageModel(UserDirectory directory) : OperatorAreaPageModel
{
    public string? ResetLink { get; private set; }
    public string? ResetFor { get; private set; }
    public List<UserListing> Users { get; private set; } = [];
    public int Total { get; private set; }
    public int PageNumber { get; private set; } = 1;
    public string? Words { get; private set; }
    public string? Notice { get; private set; }
    public string? Error { get; private set; }
    public Shared.Pager Pager => new(PageNumber, PageOfRows.Count(Total, UserDirectory.PageSize), n => Shared.Pager.Query(n, ("q", Words)),
        Text["Operator.Users"], Text["Operator.Users.Previous"], Text["Operator.Users.Next"]);

    public async Task<IActionResult> OnGetAsync(string? q, [FromQuery(Name = "page")] int? page, string? done, CancellationToken cancellationToken)
    {
        Notice = done is "lock" or "unlock" ? Text["Operator.Users.Done." + done] : null;
        await LoadAsync(q, page, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? userId, string? action, string? q, CancellationToken cancellationToken)
    {
        if (action is not ("lock" or "unlock" or "reset") || string.IsNullOrEmpty(userId))
        {
            return BadRequest();
        }
        var outcome = UserLockOutcome.NotFound;
        if (action == "reset")
        {
            (outcome, var user, var link) = await directory.ResetLinkAsync(Viewer, userId);
            if (outcome == UserLockOutcome.Done)
            {
                ResetFor = user!.Email;
                ResetLink = link;
                Response.Headers.CacheControl = "no-store";
                await LoadAsync(q, 1, cancellationToken);
                return Page();
            }
        }
        else
        {
            outcome = await directory.SetLockedAsync(Viewer, userId, action == "lock", cancellationToken);
        }
        switch (outcome)
        {
            case UserLockOutcome.Done:
                return Redirect($"/admin/operator/users?q={Uri.EscapeDataString(q ?? "")}&done={action}");
            case UserLockOutcome.NotFound:
                return NotFound();
            default:
                Error = Text["Operator.Users.NotAllowed"];
                Response.StatusCode = StatusCodes.Status403Forbidden;
                await LoadAsync(q, 1, cancellationToken);
                return Page();
        }
    }

    private async Task LoadAsync(string? q, int? page, CancellationToken cancellationToken)
    {
        Words = q?.Trim() is { Length: > 0 and <= 100 } words ? words : null;
        PageNumber = Math.Clamp(page ?? 1, 1, 100_000);
        (Users, Total) = await directory.PageAsync(Words, PageNumber, cancellationToken);
        Chrome(Text["Operator.Users"]);
    }
}
