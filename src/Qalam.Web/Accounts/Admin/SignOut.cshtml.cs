using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qalam.Storage;

namespace Qalam.Accounts.Admin;

// POST only (with the anti-forgery token), so that a link on another site cannot sign anyone out.
[Microsoft.AspNetCore.Authorization.Authorize]
public sealed class SignOutModel(SignInManager<QalamUser> signIn) : PageModel
{
    public IActionResult OnGet() => Redirect("/admin");

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return Redirect("/admin/signin");
    }
}
