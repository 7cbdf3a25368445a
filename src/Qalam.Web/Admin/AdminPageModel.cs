using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qalam.Accounts;
using Qalam.Localization;
using Qalam.Shared;

namespace Qalam.Admin;

// Every admin page speaks the signed-in person's language and, on a blog's pages, knows their role there. Every page
// built on this type needs a signed-in person, unless it says [AllowAnonymous] itself (setup, sign-in, password
// reset, sign-up): access is declared here, not by the folder a page sits in.
[Authorize]
public abstract class AdminPageModel : PageModel
{
    public BlogAccess Access { get; private set; } = null!;

    public Viewer Viewer => Viewer.From(User) ?? throw new InvalidOperationException("Admin pages require a signed-in person.");

    // Signed-in people see their chosen language; the sign-in and setup pages follow the browser (or ?culture=).
    public string Language => User.FindFirstValue(Viewer.LanguageClaim) is { } chosen ? Languages.Normalize(chosen) : PageChrome.ReaderLanguage();

    public UiText Text => UiText.For(Language);

    // False when the blog does not exist or the person has no role on it: both answer 404.
    protected async Task<bool> LoadBlogAsync(BlogAccessChecker checker, string handle, CancellationToken cancellationToken)
    {
        if (await checker.ForAsync(Viewer, handle, cancellationToken) is not { } access)
        {
            return false;
        }
        Access = access;
        return true;
    }

    protected void Chrome(string title) =>
        new AdminChrome(Language, title, User.FindFirstValue(Viewer.DisplayNameClaim), Access).ApplyTo(ViewData);
}
