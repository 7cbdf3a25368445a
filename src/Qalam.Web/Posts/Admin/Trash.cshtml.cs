using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Qalam.Accounts;
using Qalam.Admin;

namespace Qalam.Posts.Admin;

// The blog's trash: deleted posts, restorable (with their comments, visits and revisions) until the retention time
// ends. Authors see and act on their own; editors and owners on all, and may empty it.
public sealed class TrashModel(BlogAccessChecker access, PostTrash trash, IOptions<PostTrashOptions> options) : AdminPageModel
{
    public List<TrashedPost> Posts { get; private set; } = [];

    public int RetentionDays => (int)Math.Ceiling(options.Value.TrashRetention.TotalDays);

    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(string blog, string? done, CancellationToken cancellationToken)
    {
        if (!await LoadBlogAsync(access, blog, cancellationToken))
        {
            return NotFound();
        }
        Notice = done is "purged" or "emptied" ? Text["Admin.Trash.Done." + done] : null;
        Posts = await trash.ListAsync(Access, cancellationToken);
        Chrome(Text["Admin.Trash"]);
        return Page();
    }

    public async Task<IActionResult> OnPostRestoreAsync(string blog, int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(blog, id, cancellationToken) is not { } post)
        {
            return NotFound();
        }
        if (!Access.CanEditPost(post.AuthorId))
        {
            return Forbid();
        }
        await trash.RestoreAsync(post, cancellationToken);
        return Redirect($"/admin/{Access.Blog.Handle}/posts/{post.Id}?saved=restored");
    }

    public async Task<IActionResult> OnPostPurgeAsync(string blog, int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(blog, id, cancellationToken) is not { } post)
        {
            return NotFound();
        }
        if (!Access.CanEditPost(post.AuthorId))
        {
            return Forbid();
        }
        await trash.PurgeAsync(post, cancellationToken);
        return Redirect($"/admin/{Access.Blog.Handle}/trash?done=purged");
    }

    public async Task<IActionResult> OnPostEmptyAsync(string blog, CancellationToken cancellationToken)
    {
        if (!await LoadBlogAsync(access, blog, cancellationToken))
        {
            return NotFound();
        }
        if (!Access.CanSeeAllPosts)
        {
            return Forbid();
        }
        await trash.EmptyAsync(Access.Blog.Id, cancellationToken);
        return Redirect($"/admin/{Access.Blog.Handle}/trash?done=emptied");
    }

    private async Task<Post?> LoadAsync(string blog, int id, CancellationToken cancellationToken) =>
        await LoadBlogAsync(access, blog, cancellationToken) ? await trash.FindAsync(Access.Blog.Id, id, cancellationToken) : null;
}
