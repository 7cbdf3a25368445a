using Microsoft.AspNetCore.Mvc;
using Qalam.Admin;

namespace Qalam.Accounts.Admin;

// The people of a blog (owners only): invite someone by email with a role, withdraw an invitation, change roles by
// inviting again, remove. An owner acts on their blog's roles only: they never create, reset or otherwise touch an
// account, so nobody can be made a member without accepting, and no owner can reach anyone beyond their blog.
public sealed class MembersModel(BlogAccessChecker access, UserAccounts accounts, MemberInvitations invitations) : AdminPageModel
{
    public List<MemberView> Members { get; private set; } = [];
    public List<PendingInvitation> Invitations { get; private set; } = [];
    public string? Notice { get; private set; }
    public string? InvitationLink { get; private set; }
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
        switch (await invitations.InviteAsync(Access.Blog, email, role, Viewer, cancellationToken))
        {
            case InvitationSent.Mailed mailed:
                Notice = Text["Admin.Members.Invited", mailed.Email];
                break;
            case InvitationSent.Shown shown:
                Notice = Text["Admin.Members.InvitationLink", shown.Email];
                InvitationLink = shown.Link;
                Response.Headers.CacheControl = "no-store";
                break;
            default:
                Error = Text["Admin.Members.InvalidEmail"];
                Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                break;
        }
        return await ShowAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostWithdrawAsync(string blog, int invitationId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(blog, cancellationToken) is { } failure)
        {
            return failure;
        }
        return await invitations.WithdrawAsync(Access.Blog.Id, invitationId, cancellationToken)
            ? Redirect($"/admin/{Access.Blog.Handle}/members")
            : NotFound();
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
        Invitations = await invitations.PendingAsync(Access.Blog.Id, cancellationToken);
        Chrome(Text["Admin.Members"]);
        return Page();
    }
}
