using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Qalam.Admin;
using Qalam.Storage;

namespace Qalam.Accounts.Admin;

// The second step of signing in for people who turned on two-factor: a code from their app, or a recovery code.
// The password step left a short-lived cookie naming the person; without it this page sends them back.
[AllowAnonymous]
public sealed class SignInCodeModel(SignInManager<QalamUser> signIn) : AdminPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Remember { get; set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return Redirect("/admin/signin");
        }
        Chrome(Text["Admin.TwoFactor.Title"]);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? code, string? recovery)
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return Redirect("/admin/signin");
        }
        var result = !string.IsNullOrWhiteSpace(recovery)
            ? await signIn.TwoFactorRecoveryCodeSignInAsync(recovery.Replace(" ", "", StringComparison.Ordinal).Trim())
            : await signIn.TwoFactorAuthenticatorSignInAsync(TwoFactor.Normalize(code ?? ""), Remember, rememberClient: false);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/admin");
        }
        Error = result.IsLockedOut ? Text["Admin.SignIn.LockedOut"] : Text["Admin.TwoFactor.WrongCode"];
        Chrome(Text["Admin.TwoFactor.Title"]);
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }
}
