using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Qalam.Accounts;
using Qalam.Admin;
using Qalam.Blogs;
using Qalam.Posts;
using Qalam.Storage;

namespace Qalam.BlogPages.Admin;

public sealed class BoxRow
{
    // Empty: the row is dropped.
    public string? Kind { get; set; }
    public string? Title { get; set; }
    public string? Text { get; set; }
}

// The boxes around the posts, for the blog's owners: which, in what order, with an optional heading; About takes
// Markdown, Links one "label | address" per line. Works without script: rows in order, a few empty ones to add.
public sealed class BoxesPageModel(BlogAccessChecker access, QalamDb db, MarkdownRenderer renderer) : AdminPageModel
{
    public const int EmptyRows = 2;

    [BindProperty]
    public List<BoxRow> Rows { get; set; } = [];

    public Dictionary<int, string> Errors { get; } = [];

    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(string blog, int? saved, CancellationToken cancellationToken)
    {
        if (await LoadAsync(blog, cancellationToken) is { } failure)
        {
            return failure;
        }
        Saved = saved == 1;
        Rows = await db.BlogBoxes.AsNoTracking().Where(b => b.BlogId == Access.Blog.Id).OrderBy(b => b.Position).ThenBy(b => b.Id)
            .Select(b => new BoxRow { Kind = b.Kind.ToString(), Title = b.Title, Text = b.Text }).ToListAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string blog, CancellationToken cancellationToken)
    {
        if (await LoadAsync(blog, cancellationToken) is { } failure)
        {
            return failure;
        }
        var boxes = new List<BlogBox>();
        foreach (var (row, index) in Rows.Select((r, i) => (r, i)))
        {
            if (string.IsNullOrWhiteSpace(row.Kind))
            {
                continue;
            }
            if (!Enum.TryParse<BoxKind>(row.Kind, out var kind) || !Enum.IsDefined(kind))
            {
                return BadRequest();
            }
            var title = row.Title?.Trim() ?? "";
            var text = (row.Text ?? "").ReplaceLineEndings("\n").Trim();
            if (title.Length > BlogBox.TitleMaxLength)
            {
                Errors[index] = Text["Admin.Boxes.Error.Title", Text.Number(BlogBox.TitleMaxLength)];
                continue;
            }
            if (text.Length > BlogBox.TextMaxLength)
            {
                Errors[index] = Text["Admin.Boxes.Error.Text", Text.Number(BlogBox.TextMaxLength)];
                continue;
            }
            var html = "";
            if (kind == BoxKind.About)
            {
                html = renderer.Render(text).Html;
            }
            else if (kind == BoxKind.Links)
            {
                var links = BoxLinks.Parse(text).ToList();
                var bad = links.FirstOrDefault(l => l.Label.Length == 0 || BoxLinks.Checked(l.Address) is null);
                if (links.Count == 0 || bad != default)
                {
                    Errors[index] = Text["Admin.Boxes.Error.Links", bad.Address ?? ""];
                    continue;
                }
                text = string.Join("\n", links.Select(l => $"{l.Label} | {BoxLinks.Checked(l.Address)}"));
            }
            else
            {
                text = "";
            }
            boxes.Add(new BlogBox(Access.Blog.Id, boxes.Count, kind, title, text, html));
        }
        if (boxes.Count > BlogBox.MaxPerBlog)
        {
            Errors[-1] = Text["Admin.Boxes.Error.TooMany", Text.Number(BlogBox.MaxPerBlog)];
        }
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.BlogBoxes.Where(b => b.BlogId == Access.Blog.Id).ExecuteDeleteAsync(cancellationToken);
        db.BlogBoxes.AddRange(boxes);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Redirect($"/admin/{Access.Blog.Handle}/boxes?saved=1");
    }

    private async Task<IActionResult?> LoadAsync(string blog, CancellationToken cancellationToken)
    {
        if (!await LoadBlogAsync(access, blog, cancellationToken))
        {
            return NotFound();
        }
        if (!Access.CanManageBlog)
        {
            return Forbid();
        }
        Chrome(Text["Admin.Boxes"]);
        return null;
    }
}
