using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Qalam.Admin;
using Qalam.Storage;

namespace Qalam.Accounts.Admin;

// The one-time "create the owner" page of a new install. Once anyone has an account it answers 404.
[AllowAnonymous]
public sealed class SetupModel(UserAccounts accounts, SignInManager<QalamUser> signIn) : AdminPageModel
{
    [BindProperty]
    public SetupForm Form { get; set; } = new();

    public Dictionary<string, string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await accounts.AnyAsync(cancellationToken))
        {
            return NotFound();
        }
        Form.Language = Language;
        Chrome(Text["Admin.Setup.Title"]);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await accounts.AnyAsync(cancellationToken))
        {
            return NotFound();
        }
        var outcome = await accounts.CreateAsync(
            new NewUser(Form.Email ?? "", Form.Password ?? "", Form.Name, InstallRole.Owner, Form.Language ?? Language, AddressConfirmed: true), cancellationToken);
        if (outcome is AccountOutcome.Created created)
        {
            await signIn.SignInAsync(created.User, isPersistent: false);
            return Redirect("/admin");
        }
        foreach (var error in ((AccountOutcome.Failed)outcome).Errors)
        {
            Errors[AccountErrors.FieldOf(error)] = AccountErrors.Describe(error, Text);
        }
        Chrome(Text["Admin.Setup.Title"]);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}

public sealed class SetupForm
{
    public string? Name { get; set; }
    public string? Email { get; set; }
    public string? Password { get; set; }
    public string? Language { get; set; }
}
