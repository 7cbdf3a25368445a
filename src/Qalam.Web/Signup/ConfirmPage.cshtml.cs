using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Qalam.Admin;
using Qalam.Storage;

namespace Qalam.Signup;

// The link in the confirmation mail. Mail scanners open links too, so opening it shows a button; pressing it
// confirms the address, makes the blog public (or hands it to the operator's approval) and signs the owner in.
[AllowAnonymous]
public sealed class ConfirmPageModel(Signups signups, SignInManager<QalamUser> signIn) : AdminPageModel
{
    public bool Failed { get; private set; }
    public bool AwaitingApproval { get; private set; }

    public IActionResult OnGet()
    {
        Chrome(Text["Signup.Confirm.Title"]);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? user, string? token, CancellationToken cancellationToken)
    {
        Chrome(Text["Signup.Confirm.Title"]);
        switch (await signups.ConfirmAsync(user, token, cancellationToken))
        {
            case ConfirmOutcome.Confirmed confirmed:
                await signIn.SignInAsync(confirmed.User, isPersistent: false);
                if (confirmed.AwaitingApproval)
                {
                    AwaitingApproval = true;
                    return Page();
                }
                return Redirect($"/admin/{confirmed.Handle}/posts/new?welcome=1");
            default:
                Failed = true;
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
        }
    }
}
