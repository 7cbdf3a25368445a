using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Qalam.Accounts;

namespace Qalam.Posts.Admin;

// Deleting moves the post to the trash (PostTrash), where it can be restored until the retention time ends.
public sealed class PostDeleteModel(BlogAccessChecker access, PostEditor editor, PostTrash trash, IOptions<PostTrashOptions> options) : EditablePostPage
{

    public int RetentionDays => (int)Math.Ceiling(options.Value.TrashRetention.TotalDays);

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
        await trash.TrashAsync(Post, cancellationToken);
        return Redirect($"/admin/{Access.Blog.Handle}/posts?trashed={Post.Id}");
    }

    private Task<IActionResult?> LoadAsync(string blog, int id, CancellationToken cancellationToken) =>
        LoadPostAsync(access, editor, blog, id, cancellationToken);
}
