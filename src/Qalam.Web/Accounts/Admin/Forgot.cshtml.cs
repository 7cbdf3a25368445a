using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Qalam.Admin;
using Qalam.Mail;

namespace Qalam.Accounts.Admin;

// "Forgot your password?": asks for the address and answers the same whether an account uses it or not.
[AllowAnonymous]
public sealed class ForgotModel(PasswordRecovery recovery, Outbox outbox) : AdminPageModel
{
    [BindProperty]
    public string? Email { get; set; }

    public RecoveryAnswer? Answer { get; private set; }

    public IActionResult OnGet()
    {
        // Without mail there is nothing to ask for: the page says whom to ask instead.
        Answer = outbox.Enabled ? null : RecoveryAnswer.NoMail;
        Chrome(Text["Recovery.Title"]);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Answer = await recovery.RequestAsync(Email, HttpContext.Connection.RemoteIpAddress?.ToString(), cancellationToken);
        Response.StatusCode = Answer switch
        {
            RecoveryAnswer.Throttled => StatusCodes.Status429TooManyRequests,
            RecoveryAnswer.InvalidAddress => StatusCodes.Status422UnprocessableEntity,
            _ => StatusCodes.Status200OK,
        };
        Chrome(Text["Recovery.Title"]);
        return Page();
    }
}
