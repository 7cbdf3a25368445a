using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qalam.Admin;
using Qalam.Storage;

namespace Qalam.Accounts.Admin;

// Where a blog's invitation leads (/admin/join/{code}). Signed in as the invited address, one press accepts it; signed
// out, the person signs in, or makes an account for that address. The account is taken as holding the address only
// when the link was mailed to it.
[AllowAnonymous]
public sealed class JoinModel(MemberInvitations invitations, UserAccounts accounts, UserManager<QalamUser> users, SignInManager<QalamUser> signIn)
    : AdminPageModel
{
    // Null when the link is unknown, used or expired.
    public InvitationView? Invitation { get; private set; }

    // The signed-in person, when there is one.
    public QalamUser? Person { get; private set; }

    [BindProperty]
    public string? Name { get; set; }

    public string? Error { get; private set; }

    public bool ForThisPerson => Person is not null && Invitation is not null && MemberInvitations.IsFor(Invitation, Person);

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken) =>
        await LoadAsync(code, cancellationToken) ?? Show();

    public async Task<IActionResult> OnPostAcceptAsync(string code, CancellationToken cancellationToken)
    {
        if (await LoadAsync(code, cancellationToken) is { } failure)
        {
            return failure;
        }
        if (!ForThisPerson)
        {
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Show();
        }
        return await invitations.AcceptAsync(code, Person!, cancellationToken) ? Redirect($"/admin/{Invitation!.BlogHandle}") : Gone();
    }

    public async Task<IActionResult> OnPostCreateAsync(string code, string? password, CancellationToken cancellationToken)
    {
        if (await LoadAsync(code, cancellationToken) is { } failure)
        {
            return failure;
        }
        if (Person is not null)
        {
            return BadRequest();
        }
        var invitation = Invitation!;
        var outcome = await accounts.CreateAsync(new NewUser(invitation.Email, password ?? "", Name, InstallRole.Member, invitation.BlogLanguage,
            AddressConfirmed: invitation.Mailed), cancellationToken);
        if (outcome is not AccountOutcome.Created { User: var user })
        {
            // An account for the address exists (its person signs in instead), or the password is too short.
            Error = string.Join(" ", ((AccountOutcome.Failed)outcome).Errors.Select(e => AccountErrors.Describe(e, Text)));
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Show();
        }
        if (!await invitations.AcceptAsync(code, user, cancellationToken))
        {
            await users.DeleteAsync(user);
            return Gone();
        }
        await signIn.SignInAsync(user, isPersistent: false);
        return Redirect($"/admin/{invitation.BlogHandle}");
    }

    private async Task<IActionResult?> LoadAsync(string code, CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        if (await invitations.FindAsync(code, cancellationToken) is not { } invitation)
        {
            return Gone();
        }
        Invitation = invitation;
        Person = Viewer.From(User) is { } viewer ? await users.FindByIdAsync(viewer.UserId) : null;
        return null;
    }

    private PageResult Show()
    {
        Chrome(Text["Admin.Join.Title"]);
        return Page();
    }

    private PageResult Gone()
    {
        Invitation = null;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Show();
    }
}
