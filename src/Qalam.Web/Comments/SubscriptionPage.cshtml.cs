using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Qalam.Blogs;
using Qalam.Http;
using Qalam.Localization;
using Qalam.Posts;
using Qalam.Shared;
using Qalam.Storage;

namespace Qalam.Comments;

public enum SubscriptionState
{
    Unconfirmed,
    Confirmed,
    JustConfirmed,
    Ended,
}

// The page behind the links in reply mail: confirm a subscription, or end it. Links in mail are opened by scanners
// too, so a GET only shows a button; the change is a POST. Mail programs' one-click unsubscribe (RFC 8058) posts
// "List-Unsubscribe=One-Click" to the same address without any token, hence no anti-forgery token here: cross-site
// posts from browsers are refused by CrossSite, and the secret in the address is the only thing that grants anything.
[IgnoreAntiforgeryToken]
public sealed class SubscriptionPageModel(QalamDb db, BlogAddresses addresses, TimeProvider time) : PageModel
{
    public SubscriptionState State { get; private set; }
    public BlogView Blog { get; private set; } = null!;
    public string PostTitle { get; private set; } = "";
    public string PostPath { get; private set; } = "";
    public UiText Text => UiText.For(Blog.Language);

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        if (await FindAsync(token, cancellationToken) is not { } subscription)
        {
            return Ended();
        }
        State = subscription.ConfirmedAt is null ? SubscriptionState.Unconfirmed : SubscriptionState.Confirmed;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, string? action, CancellationToken cancellationToken)
    {
        if (CrossSite.IsCrossSite(Request))
        {
            return BadRequest();
        }
        if (await FindAsync(token, cancellationToken) is not { } subscription)
        {
            return Ended();
        }
        var oneClick = Request.HasFormContentType && Request.Form["List-Unsubscribe"] == "One-Click";
        if (action == "confirm" && !oneClick)
        {
            subscription.Confirm(time.GetUtcNow().UtcDateTime);
            State = SubscriptionState.JustConfirmed;
        }
        else
        {
            db.CommentSubscriptions.Remove(subscription);
            State = SubscriptionState.Ended;
        }
        await db.SaveChangesAsync(cancellationToken);
        return Page();
    }

    // An unknown secret looks the same as an ended subscription: there is nothing more to do with it.
    private PageResult Ended()
    {
        Blog ??= new BlogView(0, "", "", "", PageChrome.ReaderLanguage(), "UTC", BlogCalendar.Gregorian, CommentPolicy.Open, null, BlogLook.Plain);
        State = SubscriptionState.Ended;
        new PageChrome(Blog.Language, Text["Subscription.Title"]) { NoIndex = true }.ApplyTo(ViewData);
        return Page();
    }

    private async Task<CommentSubscription?> FindAsync(string token, CancellationToken cancellationToken)
    {
        if (token.Length is < 20 or > 64)
        {
            return null;
        }
        var found = await db.CommentSubscriptions
            .Where(s => s.Token == token)
            .Join(db.Comments, s => s.CommentId, c => c.Id, (s, c) => new { Subscription = s, c.PostId })
            .Join(db.Posts, x => x.PostId, p => p.Id, (x, p) => new { x.Subscription, p.Title, p.Slug, p.BlogId })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }
        Blog = await db.Blogs.AsNoTracking().Where(b => b.Id == found.BlogId).Select(BlogView.FromBlog).SingleAsync(cancellationToken);
        PostTitle = found.Title;
        PostPath = addresses.Post(Blog.Handle, found.Slug);
        new PageChrome(Blog.Language, Text["Subscription.Title"], Blog) { NoIndex = true }.ApplyTo(ViewData);
        return found.Subscription;
    }
}
