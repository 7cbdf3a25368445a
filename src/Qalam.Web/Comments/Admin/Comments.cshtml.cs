using Microsoft.AspNetCore.Mvc;
using Qalam.Accounts;
using Qalam.Admin;
using Qalam.Blogs;

namespace Qalam.Comments.Admin;

// The moderation queue: pending, approved and spam comments, with actions on one or many, and replies as the author.
public sealed class CommentsModel(BlogAccessChecker access, CommentModeration moderation, CommentSubmitter submitter) : AdminPageModel
{
    public List<ModerationItem> Items { get; private set; } = [];
    public int Total { get; private set; }
    public Dictionary<CommentStatus, int> Counts { get; private set; } = [];
    public CommentStatus Status { get; private set; } = CommentStatus.Pending;
    public int PageNumber { get; private set; } = 1;
    public string? Notice { get; private set; }

    public static readonly CommentStatus[] Tabs = [CommentStatus.Pending, CommentStatus.Approved, CommentStatus.Spam];

    public async Task<IActionResult> OnGetAsync(string blog, string? status, int? page, string? done, int? count, CancellationToken cancellationToken)
    {
        if (!await LoadBlogAsync(access, blog, cancellationToken))
        {
            return NotFound();
        }
        Status = Enum.TryParse<CommentStatus>(status, ignoreCase: true, out var parsed) && Tabs.Contains(parsed) ? parsed : CommentStatus.Pending;
        PageNumber = Math.Max(1, page ?? 1);
        Notice = done switch
        {
            "replied" => Text["Admin.Moderation.Replied"],
            "none" => Text["Admin.Moderation.NoneSelected"],
            "empty-reply" => Text["Admin.Moderation.EmptyReply"],
            null => null,
            _ => Text["Admin.Moderation.Done", Text.Number(count ?? 0)],
        };
        (Items, Total) = await moderation.QueueAsync(Access, Status, null, PageNumber, cancellationToken);
        Counts = await moderation.CountsAsync(Access, cancellationToken);
        Chrome(Text["Admin.Comments"]);
        return Page();
    }

    // One button per action; the ids come from the checked boxes or from the single comment's own button.
    public async Task<IActionResult> OnPostAsync(string blog, string? status, List<int> ids, string? apply, CancellationToken cancellationToken)
    {
        if (!await LoadBlogAsync(access, blog, cancellationToken))
        {
            return NotFound();
        }
        var parts = (apply ?? "").Split(':', 2);
        if (!Enum.TryParse<ModerationAction>(parts[0], ignoreCase: true, out var action))
        {
            return BadRequest();
        }
        var targets = parts.Length == 2 && int.TryParse(parts[1], out var single) ? [single] : ids;
        if (targets.Count == 0)
        {
            return Redirect($"/admin/{Access.Blog.Handle}/comments?status={status}&done=none");
        }
        var changed = await moderation.ApplyAsync(Access, targets, action, SiteAddress.From(Request), cancellationToken);
        return Redirect($"/admin/{Access.Blog.Handle}/comments?status={status}&done={action.ToString().ToLowerInvariant()}&count={changed}");
    }

    public async Task<IActionResult> OnPostReplyAsync(string blog, int parentId, string? body, CancellationToken cancellationToken)
    {
        if (!await LoadBlogAsync(access, blog, cancellationToken))
        {
            return NotFound();
        }
        var parent = await moderation.FindAsync(Access, parentId, cancellationToken);
        if (parent is null || parent.Status is not (CommentStatus.Pending or CommentStatus.Approved))
        {
            return NotFound();
        }
        // Answering a held comment approves it: the author would not reply to something readers cannot see.
        if (parent.Status == CommentStatus.Pending)
        {
            await moderation.ApplyAsync(Access, [parent.Id], ModerationAction.Approve, SiteAddress.From(Request), cancellationToken);
        }
        var name = User.FindFirst(Viewer.DisplayNameClaim)?.Value ?? "";
        var outcome = await submitter.SubmitAsync(Access.Blog, parent.PostId, new CommentInput(name, null, null, body, parentId),
            new CommentSource(SiteAddress.From(Request), HttpContext.Connection.RemoteIpAddress?.ToString(), ByModerator: true), cancellationToken);
        if (outcome is not (CommentOutcome.Published or CommentOutcome.Held))
        {
            return Redirect($"/admin/{Access.Blog.Handle}/comments?done=empty-reply");
        }
        return Redirect($"/admin/{Access.Blog.Handle}/comments?status=approved&done=replied");
    }
}
