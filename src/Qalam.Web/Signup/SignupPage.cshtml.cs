using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Qalam.Admin;
using Qalam.Blogs;

namespace Qalam.Signup;

// The sign-up form: an account and a blog in one step, in the reader's language (or ?culture=fa|en).
[AllowAnonymous]
public sealed class SignupPageModel(Signups signups) : AdminPageModel
{
    [BindProperty]
    public SignupForm Form { get; set; } = new();

    public Dictionary<string, string> Errors { get; } = [];
    public string? ErrorSummary { get; private set; }
    public string? StartedFor { get; private set; }
    public bool Open => Closure is null;

    // Why it is closed (for the hint to whoever runs the site), or null when open.
    public SignupClosure? Closure { get; private set; }

    public bool NeedsInvitation { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery] string? invitation, CancellationToken cancellationToken)
    {
        await ReadSettingsAsync(cancellationToken);
        Form.Invitation ??= invitation;
        Form.Language ??= Language;
        Chrome(Text["Signup.Title"]);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await ReadSettingsAsync(cancellationToken);
        Chrome(Text["Signup.Title"]);
        var outcome = await signups.StartAsync(new SignupInput(Form.Email, Form.Password, Form.Handle, Form.Title, Form.Language, Form.Website, Form.Invitation),
            HttpContext.Connection.RemoteIpAddress?.ToString(), SiteAddress.From(Request), Text, cancellationToken);
        switch (outcome)
        {
            case SignupOutcome.Started started:
                StartedFor = started.Email;
                return Page();
            case SignupOutcome.Invalid invalid:
                foreach (var (field, message) in invalid.Errors)
                {
                    Errors[field.ToString()] = message;
                }
                ErrorSummary = Text["Signup.Error.Summary"];
                Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                break;
            case SignupOutcome.Refused { Reason: var reason }:
                ErrorSummary = Text["Signup.Refused." + reason];
                Response.StatusCode = reason switch
                {
                    SignupRefusal.RateLimited => StatusCodes.Status429TooManyRequests,
                    SignupRefusal.Closed => StatusCodes.Status403Forbidden,
                    _ => StatusCodes.Status422UnprocessableEntity,
                };
                break;
        }
        Form.Password = null;
        Form.Website = null;
        return Page();
    }

    private async Task ReadSettingsAsync(CancellationToken cancellationToken)
    {
        Closure = await signups.ClosureAsync(cancellationToken);
        NeedsInvitation = await signups.NeedsInvitationAsync(cancellationToken);
    }
}

public sealed class SignupForm
{
    public string? Email { get; set; }
    public string? Password { get; set; }
    public string? Handle { get; set; }
    public string? Title { get; set; }
    public string? Language { get; set; }
    public string? Invitation { get; set; }

    // The honeypot: hidden from people, filled in by programs.
    public string? Website { get; set; }
}
