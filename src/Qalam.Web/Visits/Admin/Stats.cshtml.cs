using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Qalam.Accounts;
using Qalam.Admin;
using Qalam.Posts;
using Qalam.Storage;
using Qalam.Subscriptions;

namespace Qalam.Visits.Admin;

// Visits per day for 30, 90 or 365 days, for the blog or one post, with its top posts and referring sites, and the
// blog's email subscribers over the same days.
// For owners and editors: an author sees the blog's numbers only through their own posts' pages.
public sealed class StatsModel(BlogAccessChecker access, VisitStats stats, SubscriberAdmin subscribers, QalamDb db) : AdminPageModel
{
    public BlogStats Stats { get; private set; } = null!;
    public int? PostId { get; private set; }
    public string? PostTitle { get; private set; }

    // Email subscribers at the end of each day of the period (for the whole blog only): counts, never addresses.
    public List<DaySubscribers>? Subscribers { get; private set; }

    public async Task<IActionResult> OnGetAsync(string blog, int? days, int? post, CancellationToken cancellationToken)
    {
        if (!await LoadBlogAsync(access, blog, cancellationToken))
        {
            return NotFound();
        }
        if (!Access.CanSeeAllPosts)
        {
            return Forbid();
        }
        if (post is { } id)
        {
            PostTitle = await db.Posts.AsNoTracking().Where(p => p.Id == id && p.BlogId == Access.Blog.Id).Select(p => p.Title).SingleOrDefaultAsync(cancellationToken);
            if (PostTitle is null)
            {
                return NotFound();
            }
            PostId = id;
        }
        var period = VisitStats.Periods.Contains(days ?? 30) ? days ?? 30 : 30;
        Stats = await stats.ForBlogAsync(Access.Blog, period, PostId, cancellationToken);
        Subscribers = PostId is null ? await subscribers.DailyAsync(Access.Blog, period, cancellationToken) : null;
        Chrome(Text["Admin.Stats"]);
        return Page();
    }

    public string Link(int days, int? post = null) => $"?days={days}" + ((post ?? PostId) is { } p ? $"&post={p}" : "");
}
