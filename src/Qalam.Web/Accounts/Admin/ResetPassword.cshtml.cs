using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Qalam.Admin;
using Qalam.Storage;

namespace Qalam.Accounts.Admin;

// Where a password-reset link leads (mailed by "Forgot your password?", or made by an operator). The token is
// Identity's, from PasswordResetTokens: single-purpose, tied to the account's security stamp (so it dies once used or
// once the password changes) and valid for an hour. Setting the password changes that stamp, which signs the account
// out everywhere else at once; its API tokens are kept unless the person asks to revoke them.
[AllowAnonymous]
public sealed class ResetPasswordModel(UserManager<QalamUser> users, QalamDb db, TimeProvider time) : AdminPageModel
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

    public async Task<IActionResult> OnPostAsync(string? password, bool revokeTokens, CancellationToken cancellationToken)
    {
        var user = UserId is null ? null : await users.FindByIdAsync(UserId);
        var result = user is null || Token is null
            ? IdentityResult.Failed(new IdentityError { Code = "InvalidToken", Description = "Invalid token." })
            : await users.ResetPasswordAsync(user, Token, password ?? "");
        if (result.Succeeded)
        {
            await users.ResetAccessFailedCountAsync(user!);
            if (revokeTokens)
            {
                var now = time.GetUtcNow().UtcDateTime;
                await db.AccessTokens.Where(t => t.UserId == user!.Id && t.RevokedAt == null)
                    .ExecuteUpdateAsync(t => t.SetProperty(x => x.RevokedAt, now), cancellationToken);
            }
            return Redirect("/admin/signin?reset=1");
        }
        Error = AccountErrors.Describe(result.Errors.First(), Text);
        Chrome(Text["Admin.Reset.Title"]);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
