using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qalam.Blogs;
using Qalam.Http;
using Qalam.Localization;
using Qalam.Shared;

namespace Qalam.Subscriptions;

public enum SubscriberState
{
    Unconfirmed,
    Active,
    JustConfirmed,
    ModeChanged,
    Ended,
}

// The page behind every subscriber mail's links: confirm, switch between each post and the weekly digest, leave.
// Mail scanners open links too, so a GET only shows buttons; changes are POSTs. Mail programs' one-click unsubscribe
// (RFC 8058) posts "List-Unsubscribe=One-Click" here without any token, hence no anti-forgery token: cross-site posts
// from browsers are refused by CrossSite, and the secret in the address is the only thing that grants anything.
[IgnoreAntiforgeryToken]
public sealed class SubscriberPageModel(BlogDirectory blogs, SubscriberDirectory subscribers, SubscriptionLimits limits) : PageModel
{
    public BlogView Blog { get; private set; } = null!;
    public UiText Text => UiText.For(Blog.Language);
    public SubscriberState State { get; private set; }
    public SubscriberMode Mode { get; private set; }

    public async Task<IActionResult> OnGetAsync(string blog, string token, CancellationToken cancellationToken)
    {
        if (await LoadAsync(blog, token, cancellationToken) is not { } found)
        {
            return Unknown();
        }
        State = found.IsActive ? SubscriberState.Active : found.UnsubscribedAt is null ? SubscriberState.Unconfirmed : SubscriberState.Ended;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string blog, string token, string? action, CancellationToken cancellationToken)
    {
        if (CrossSite.IsCrossSite(Request))
        {
            return BadRequest();
        }
        // Mail providers send one-click unsubscribes for many people from a few addresses: those are never limited
        // (a 256-bit token is not guessed by trying faster).
        var oneClick = Request.HasFormContentType && Request.Form["List-Unsubscribe"] == "One-Click";
        if (await LoadAsync(blog, token, cancellationToken, limited: !oneClick) is not { } found)
        {
            return Unknown();
        }
        switch (oneClick ? "unsubscribe" : action)
        {
            case "confirm" when found.UnsubscribedAt is null:
                await subscribers.ConfirmAsync(found, cancellationToken);
                State = SubscriberState.JustConfirmed;
                break;
            case "each" or "weekly" when found.IsActive:
                await subscribers.ChangeModeAsync(found, action == "weekly" ? SubscriberMode.WeeklyDigest : SubscriberMode.EachPost, cancellationToken);
                State = SubscriberState.ModeChanged;
                break;
            case "unsubscribe":
                await subscribers.UnsubscribeAsync(found, cancellationToken);
                State = SubscriberState.Ended;
                break;
            default:
                State = found.IsActive ? SubscriberState.Active : found.UnsubscribedAt is null ? SubscriberState.Unconfirmed : SubscriberState.Ended;
                break;
        }
        Mode = found.Mode;
        return Page();
    }

    private async Task<Subscriber?> LoadAsync(string handle, string token, CancellationToken cancellationToken, bool limited = true)
    {
        if (await blogs.FindAsync(handle, cancellationToken) is not { } found)
        {
            return null;
        }
        Blog = found;
        new PageChrome(found.Language, Text["Subscriber.Title"], found) { NoIndex = true }.ApplyTo(ViewData);
        ViewData["NoSubscribeBox"] = true;
        if (limited && !await limits.Pages.TryTakeAsync(HttpContext.Connection.RemoteIpAddress?.ToString() ?? ""))
        {
            return null;
        }
        var subscriber = await subscribers.FindAsync(found.Id, token, cancellationToken);
        Mode = subscriber?.Mode ?? SubscriberMode.EachPost;
        return subscriber;
    }

    // An unknown (or mistyped, or over-used) secret looks like a subscription that has ended: nothing more to do.
    private IActionResult Unknown()
    {
        if (Blog is null)
        {
            return NotFound();
        }
        State = SubscriberState.Ended;
        return Page();
    }
}
