using Microsoft.AspNetCore.Mvc;
using Qalam.Accounts;
using Qalam.Admin;

namespace Qalam.Posts.Admin;

// An admin page about one post the person may edit: the blog from the route, the post from that blog, and 404 for
// both unknown ones, 403 for a post of another author an author may not touch.
public abstract class EditablePostPage : AdminPageModel
{
    public Post Post { get; private set; } = null!;

    protected async Task<IActionResult?> LoadPostAsync(BlogAccessChecker access, PostEditor editor, string blog, int id, CancellationToken cancellationToken)
    {
        if (!await LoadBlogAsync(access, blog, cancellationToken) || await editor.FindAsync(Access.Blog.Id, id, cancellationToken) is not { } post)
        {
            return NotFound();
        }
        if (!Access.CanEditPost(post.AuthorId))
        {
            return Forbid();
        }
        Post = post;
        return null;
    }
}
