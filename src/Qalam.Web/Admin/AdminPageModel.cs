using System.Security.Claims;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qalam.Accounts;
using Qalam.Shared;
using Qalam.Localization;

namespace Qalam.Admin;

// Every admin page speaks the signed-in person's language and, on a blog's pages, knows their role there.
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
