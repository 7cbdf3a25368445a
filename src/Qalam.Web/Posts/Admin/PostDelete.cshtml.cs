using Microsoft.AspNetCore.Mvc;
using Qalam.Accounts;
using Qalam.Admin;

namespace Qalam.Posts.Admin;

public sealed class PostDeleteModel(BlogAccessChecker access, PostEditor editor) : AdminPageModel
{
    public Post Post { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string blog, int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(blog, id, cancellationToken) is { } failure)
        {
            return failure;
        }
        Chrome(Text["Admin.Delete.Title"]);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string blog, int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(blog, id, cancellationToken) is { } failure)
        {
            return failure;
        }
        await editor.DeleteAsync(Post, cancellationToken);
        return Redirect($"/admin/{Access.Blog.Handle}/posts?deleted=1");
    }

    private async Task<IActionResult?> LoadAsync(string blog, int id, CancellationToken cancellationToken)
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
