using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qalam.Blogs;
using Qalam.Http;
using Qalam.Localization;
using Qalam.Shared;

namespace Qalam.Subscriptions;

// "Get new posts by email": the form (also in every page's footer, which is cached alike for all readers, hence no
// anti-forgery token; cross-site posts are refused by CrossSite) and the one answer it gives, whatever the address.
[IgnoreAntiforgeryToken]
public sealed class SubscribePageModel(BlogDirectory blogs, SubscriberDirectory subscribers) : PageModel
{
    public BlogView Blog { get; private set; } = null!;
    public UiText Text => UiText.For(Blog.Language);
    public SubscribeAnswer? Answer { get; private set; }
    public bool Enabled => subscribers.Enabled;

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Mode { get; set; }

    public async Task<IActionResult> OnGetAsync(string blog, CancellationToken cancellationToken)
    {
        if (await LoadAsync(blog, cancellationToken) is { } missing)
        {
            return missing;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string blog, CancellationToken cancellationToken)
    {
        if (await LoadAsync(blog, cancellationToken) is { } missing)
        {
            return missing;
        }
        if (CrossSite.IsCrossSite(Request))
        {
            return BadRequest();
        }
        var mode = Mode == "weekly" ? SubscriberMode.WeeklyDigest : SubscriberMode.EachPost;
        Answer = await subscribers.SubscribeAsync(Blog, Email, mode, HttpContext.Connection.RemoteIpAddress?.ToString(), cancellationToken);
        Response.StatusCode = Answer switch
        {
            SubscribeAnswer.InvalidAddress => StatusCodes.Status422UnprocessableEntity,
            SubscribeAnswer.Throttled => StatusCodes.Status429TooManyRequests,
            _ => StatusCodes.Status200OK,
        };
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(string handle, CancellationToken cancellationToken)
    {
        if (await blogs.FindAsync(handle, cancellationToken) is not { } found)
        {
            return NotFound();
        }
        Blog = found;
        new PageChrome(found.Language, Text["Subscribe.Title"], found) { NoIndex = true }.ApplyTo(ViewData);
        ViewData["NoSubscribeBox"] = true;
        return null;
    }
}
