using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Qalam.Accounts;

namespace Qalam.Admin;

// The people of a blog (owners only): add someone by email with a role, change roles, remove, and make a
// password-reset link to hand over (mail delivery arrives later). Adding an unknown email creates the account
// with an unusable random password and shows the link with which its person sets their own.
public sealed class MembersModel(BlogAccessChecker access, UserAccounts accounts, UserManager<QalamUser> users) : AdminPageModel
{
    public List<MemberView> Members { get; private set; } = [];
    public string? ResetLink { get; private set; }
    public string? ResetFor { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string blog, CancellationToken cancellationToken) =>
        await LoadAsync(blog, cancellationToken) ?? await ShowAsync(cancellationToken);

    public async Task<IActionResult> OnPostAddAsync(string blog, string? email, BlogRole role, CancellationToken cancellationToken)
    {
        if (await LoadAsync(blog, cancellationToken) is { } failure)
        {
            return failure;
        }
        if (!Enum.IsDefined(role))
        {
            return BadRequest();
        }
        var user = string.IsNullOrWhiteSpace(email) ? null : await accounts.FindByEmailAsync(email);
        if (user is null)
        {
            var outcome = await accounts.CreateAsync(new NewUser(email ?? "", Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)), null,
                InstallRole.Member, Language), cancellationToken);
            if (outcome is AccountOutcome.Failed failed)
            {
                Error = AccountErrors.Describe(failed.Errors[0], Text);
                Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                return await ShowAsync(cancellationToken);
            }
            user = ((AccountOutcome.Created)outcome).User;
            await accounts.GrantAsync(Access.Blog.Id, user.Id, role, cancellationToken);
            return await ShowResetAsync(user, cancellationToken);
        }
        await accounts.GrantAsync(Access.Blog.Id, user.Id, role, cancellationToken);
        return Redirect($"/admin/{Access.Blog.Handle}/members");
    }

    public async Task<IActionResult> OnPostRemoveAsync(string blog, string userId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(blog, cancellationToken) is { } failure)
        {
            return failure;
        }
        // An owner cannot remove themselves, so a blog is never left without anyone to run it by accident.
        if (userId != Viewer.UserId)
        {
            await accounts.RevokeAsync(Access.Blog.Id, userId, cancellationToken);
        }
        return Redirect($"/admin/{Access.Blog.Handle}/members");
    }

    public async Task<IActionResult> OnPostResetAsync(string blog, string userId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(blog, cancellationToken) is { } failure)
        {
            return failure;
        }
        var members = await accounts.MembersAsync(Access.Blog.Id, cancellationToken);
        if (members.All(m => m.UserId != userId) || await users.FindByIdAsync(userId) is not { } user)
        {
            return NotFound();
        }
        return await ShowResetAsync(user, cancellationToken);
    }

    private async Task<IActionResult> ShowResetAsync(QalamUser user, CancellationToken cancellationToken)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        ResetLink = $"{Request.Scheme}://{Request.Host}/admin/reset?userId={Uri.EscapeDataString(user.Id)}&token={Uri.EscapeDataString(token)}";
        ResetFor = user.Email;
        Response.Headers.CacheControl = "no-store";
        return await ShowAsync(cancellationToken);
    }

    private async Task<IActionResult?> LoadAsync(string blog, CancellationToken cancellationToken)
    {
        if (!await LoadBlogAsync(access, blog, cancellationToken))
        {
            return NotFound();
        }
        return Access.CanManageBlog ? null : Forbid();
    }

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        Members = await accounts.MembersAsync(Access.Blog.Id, cancellationToken);
        Chrome(Text["Admin.Members"]);
        return Page();
    }
}
