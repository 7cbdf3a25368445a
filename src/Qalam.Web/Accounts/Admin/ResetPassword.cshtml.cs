using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Qalam.Admin;
using Qalam.Storage;

namespace Qalam.Accounts.Admin;

// Where a password-reset link leads. The token is Identity's: single-purpose, tied to the account's security
// stamp (so it dies once used or once the password changes) and valid for a day.
[AllowAnonymous]
public sealed class ResetPasswordModel(UserManager<QalamUser> users) : AdminPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public string? Error { get; private set; }

    public IActionResult OnGet()
    {
        Chrome(Text["Admin.Reset.Title"]);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? password)
    {
        var user = UserId is null ? null : await users.FindByIdAsync(UserId);
        var result = user is null || Token is null
            ? IdentityResult.Failed(new IdentityError { Code = "InvalidToken", Description = "Invalid token." })
            : await users.ResetPasswordAsync(user, Token, password ?? "");
        if (result.Succeeded)
        {
            await users.ResetAccessFailedCountAsync(user!);
            return Redirect("/admin/signin");
        }
        Error = AccountErrors.Describe(result.Errors.First(), Text);
        Chrome(Text["Admin.Reset.Title"]);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
