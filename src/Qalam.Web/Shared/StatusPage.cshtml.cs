using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qalam.Blogs;
using Qalam.Localization;

namespace Qalam.Shared;

// Error responses in the language of the blog the address belongs to, with the blog's own header.
// It changes nothing, so a re-executed post needs no anti-forgery token (the refused form's own was checked, or absent).
[Microsoft.AspNetCore.Mvc.IgnoreAntiforgeryToken]
public sealed class StatusPageModel(BlogDirectory blogs, BlogSuspension suspensions) : PageModel
{
    public BlogView? Blog { get; private set; }

    // Set when the address belongs to a blog the operator suspended (BlogSuspension).
    public Suspension? Suspension { get; private set; }

    public UiText Text { get; private set; } = UiText.English;

    // The resource keys of the heading and the explanation for this status.
    public (string Title, string Body) Keys => Response.StatusCode switch
    {
        StatusCodes.Status403Forbidden when Suspension is not null => ("Suspended.Title", Suspension.DeleteAfter is null ? "Suspended.Body" : "Suspended.Deleting"),
        StatusCodes.Status404NotFound => ("NotFound.Title", "NotFound.Body"),
        StatusCodes.Status410Gone => ("Gone.Title", "Gone.Body"),
        StatusCodes.Status400BadRequest => ("BadRequest.Title", "BadRequest.Body"),
        StatusCodes.Status403Forbidden => ("Forbidden.Title", "Forbidden.Body"),
        StatusCodes.Status503ServiceUnavailable => ("Unavailable.Title", "Unavailable.Body"),
        _ => ("Error.Title", "Error.Body"),
    };

    // A refused form post is re-executed here with its method, so posts get the same page.
    public Task OnPostAsync(int code, CancellationToken cancellationToken) => OnGetAsync(code, cancellationToken);

    public async Task OnGetAsync(int code, CancellationToken cancellationToken)
    {
        var original = HttpContext.Features.Get<IStatusCodeReExecuteFeature>();
        // From the feature rather than the bound code: a refused form that cannot be read makes binding fail.
        Response.StatusCode = original is null ? StatusCodes.Status404NotFound : original.OriginalStatusCode;
        // The blog the refused address belongs to: named by its route, else by the address's first segment. The admin
        // area speaks its person's language even on a blog's pages.
        var inAdmin = original?.OriginalPath.StartsWith("/admin", StringComparison.OrdinalIgnoreCase) == true;
        var handle = (original?.RouteValues?["blog"] ?? original?.RouteValues?["handle"]) as string
            ?? original?.OriginalPath.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        // Only something shaped like a handle is looked up: a stranger's junk first segment costs no query or cache entry.
        // 503: the database is away (TransientRetry), so the page asks it nothing.
        if (!inAdmin && handle is not null && BlogHandles.HasShape(BlogHandles.Normalize(handle)) && Response.StatusCode != StatusCodes.Status503ServiceUnavailable)
        {
            Suspension = Response.StatusCode == StatusCodes.Status403Forbidden ? await suspensions.FindAsync(handle, cancellationToken) : null;
            Blog = Suspension?.Blog ?? await blogs.FindAsync(handle, cancellationToken);
        }
        // A blog's pages speak the blog's language; the admin area the signed-in person's; the rest the browser's.
        var language = Blog?.Language
            ?? (inAdmin && User.FindFirst(Accounts.Viewer.LanguageClaim)?.Value is { } chosen ? Languages.Normalize(chosen) : null)
            ?? PageChrome.ReaderLanguage();
        Text = UiText.For(language);
        new PageChrome(language, Text[Keys.Title], Blog).ApplyTo(ViewData);
    }
}
