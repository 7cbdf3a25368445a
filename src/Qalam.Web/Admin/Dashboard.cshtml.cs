using Microsoft.AspNetCore.Mvc;
using Qalam.Accounts;
using Qalam.Comments;
using Qalam.Visits;

namespace Qalam.Admin;

public sealed class DashboardModel(BlogAccessChecker access, AdminPosts posts, CommentModeration moderation, VisitStats visits) : AdminPageModel
{
    public List<AdminPostRow> Latest { get; private set; } = [];
    public List<ModerationItem> Pending { get; private set; } = [];
    public int PendingCount { get; private set; }
    public List<DayVisits> Visits { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string blog, CancellationToken cancellationToken)
    {
        if (!await LoadBlogAsync(access, blog, cancellationToken))
        {
            return NotFound();
        }
        Latest = (await posts.ListAsync(Access, null, null, 1, 5, cancellationToken)).Rows;
        (Pending, PendingCount) = await moderation.QueueAsync(Access, CommentStatus.Pending, null, 1, cancellationToken, pageSize: 5);
        Visits = await visits.LastDaysAsync(Access.Blog, 30, cancellationToken);
        Chrome(Text["Admin.Dashboard"]);
        return Page();
    }
}
