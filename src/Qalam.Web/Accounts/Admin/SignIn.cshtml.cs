using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qalam.Admin;
using Qalam.Storage;

namespace Qalam.Accounts.Admin;

[AllowAnonymous]
public sealed class SignInModel(UserAccounts accounts, SignInManager<QalamUser> signIn, SignInThrottle throttle) : AdminPageModel
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
        var email = Email?.Trim() ?? "";
        var sender = HttpContext.Connection.RemoteIpAddress?.ToString();
        if (await throttle.IsThrottledAsync(email, sender))
        {
            return Refuse(StatusCodes.Status429TooManyRequests, Text["Admin.SignIn.Throttled", Text.Number((int)SignInThrottle.Window.TotalMinutes)]);
        }
        var user = email.Length == 0 ? null : await accounts.FindByEmailAsync(email);
        cancellationToken.ThrowIfCancellationRequested();
        if (user is null || string.IsNullOrEmpty(password))
        {
            // As long as checking a real password takes, so the answer's timing does not tell who has an account.
            accounts.CheckNobodysPassword(password ?? "");
            await throttle.FailedAsync(email, sender);
            return Refuse(StatusCodes.Status401Unauthorized, Text["Admin.SignIn.Failed"]);
        }
        var result = await signIn.PasswordSignInAsync(user, password, Remember, lockoutOnFailure: false);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/admin");
        }
        if (result.RequiresTwoFactor)
        {
            return Redirect("/admin/signin/code?remember=" + (Remember ? "true" : "false") +
                (Url.IsLocalUrl(ReturnUrl) ? "&ReturnUrl=" + Uri.EscapeDataString(ReturnUrl) : ""));
        }
        // A lock is only the operator's; it is said only to whoever knows the password, so the form does not tell
        // strangers which accounts exist or are locked.
        if (result.IsLockedOut && await accounts.CheckPasswordAsync(user, password))
        {
            return Refuse(StatusCodes.Status401Unauthorized, Text["Admin.SignIn.Locked"]);
        }
        await throttle.FailedAsync(email, sender);
        return Refuse(StatusCodes.Status401Unauthorized, Text["Admin.SignIn.Failed"]);
    }

    private PageResult Refuse(int status, string error)
    {
        Error = error;
        Chrome(Text["Admin.SignIn.Title"]);
        Response.StatusCode = status;
        return Page();
    }
}
