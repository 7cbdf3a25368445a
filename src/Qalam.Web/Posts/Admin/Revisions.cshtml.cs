using Microsoft.AspNetCore.Mvc;
using Qalam.Accounts;

namespace Qalam.Posts.Admin;

// A post's history: every save and the writers' autosaves, any two compared word by word, any one restored as a new
// save (the text it replaces stays in the history, so a restore can itself be undone).
public sealed class RevisionsModel(BlogAccessChecker access, PostEditor editor, PostRevisions revisions) : EditablePostPage
{

    public List<RevisionRow> Rows { get; private set; } = [];

    public RevisionText? From { get; private set; }

    public RevisionText? To { get; private set; }

    public RevisionComparison? Comparison { get; private set; }

    // Without a choice, the newest revision is compared with the one before it.
    public async Task<IActionResult> OnGetAsync(string blog, int id, long? from, long? to, CancellationToken cancellationToken)
    {
        if (await LoadAsync(blog, id, cancellationToken) is { } failure)
        {
            return failure;
        }
        Rows = await revisions.ListAsync(Post, cancellationToken);
        var toId = to ?? Rows.FirstOrDefault()?.Id;
        var fromId = from ?? Rows.SkipWhile(r => r.Id != toId).Skip(1).FirstOrDefault(r => r.Kind != RevisionKind.Autosave)?.Id;
        To = toId is { } t ? await revisions.FindAsync(Post, t, cancellationToken) : null;
        From = fromId is { } f ? await revisions.FindAsync(Post, f, cancellationToken) : null;
        if ((to is not null && To is null) || (from is not null && From is null))
        {
            return NotFound();
        }
        if (From is not null && To is not null)
        {
            Comparison = RevisionDiff.Compare(From.Title + "\n\n" + From.Markdown, To.Title + "\n\n" + To.Markdown);
        }
        Chrome(Text["Admin.Revisions"]);
        return Page();
    }

    public async Task<IActionResult> OnPostRestoreAsync(string blog, int id, long revision, CancellationToken cancellationToken)
    {
        if (await LoadAsync(blog, id, cancellationToken) is { } failure)
        {
            return failure;
        }
        if (await revisions.FindAsync(Post, revision, cancellationToken) is not { } chosen)
        {
            return NotFound();
        }
        var input = new PostInput(chosen.Title, chosen.Markdown, null, null, null, null, null);
        if (await editor.UpdateAsync(Post, input, Viewer.UserId, cancellationToken, RevisionKind.Restored) is not PostSave.Saved)
        {
            return StatusCode(StatusCodes.Status409Conflict);
        }
        return Redirect($"/admin/{Access.Blog.Handle}/posts/{Post.Id}?saved=revision");
    }

    private Task<IActionResult?> LoadAsync(string blog, int id, CancellationToken cancellationToken) =>
        LoadPostAsync(access, editor, blog, id, cancellationToken);
}
