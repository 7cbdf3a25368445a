using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Qalam.Admin;

namespace Qalam.Accounts;

[AllowAnonymous]
public sealed class SignInModel(UserAccounts accounts, SignInManager<QalamUser> signIn, TimeProvider time) : AdminPageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public bool Remember { get; set; }

    public string? Error { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await accounts.AnyAsync(cancellationToken))
        {
            return Redirect("/admin/setup");
        }
        Chrome(Text["Admin.SignIn.Title"]);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? password, CancellationToken cancellationToken)
    {
        var user = string.IsNullOrWhiteSpace(Email) ? null : await accounts.FindByEmailAsync(Email);
        cancellationToken.ThrowIfCancellationRequested();
        // The same message whether the email or the password was wrong, so the form does not reveal who has an account.
        var result = user is null || string.IsNullOrEmpty(password)
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, password, Remember, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/admin");
        }
        if (result.RequiresTwoFactor)
        {
            return Redirect("/admin/signin/code?remember=" + (Remember ? "true" : "false") +
                (Url.IsLocalUrl(ReturnUrl) ? "&ReturnUrl=" + Uri.EscapeDataString(ReturnUrl) : ""));
        }
        Error = !result.IsLockedOut ? Text["Admin.SignIn.Failed"]
            : QalamUser.IsLockedByOperator(user!.LockoutEnd, time.GetUtcNow()) ? Text["Admin.SignIn.Locked"] : Text["Admin.SignIn.LockedOut"];
        Chrome(Text["Admin.SignIn.Title"]);
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }
}
