using Microsoft.AspNetCore.Mvc;
using Qalam.Accounts;
using Qalam.Admin;
using Qalam.Posts;

namespace Qalam.BlogPages.Admin;

public sealed class PageForm
{
    public string? Title { get; set; }
    public string? Slug { get; set; }
    public string? Language { get; set; }
    public string? Body { get; set; }
    public int? ParentId { get; set; }
    public int Order { get; set; }
    public bool Published { get; set; } = true;
}

// Writes a page: title, address, language, place in the tree, Markdown body, published or not; a preview of the
// body as readers will see it; deleting it (the pages under it move up). Editors and owners only.
public sealed class PageEditModel(BlogAccessChecker access, BlogPageEditor pages, MarkdownRenderer renderer) : AdminPageModel
{
    [BindProperty]
    public PageForm Form { get; set; } = new();

    public BlogPage? Existing { get; private set; }

    public List<(PageSummary Page, int Depth)> Parents { get; private set; } = [];

    public Dictionary<string, string> Errors { get; } = [];

    public string? PreviewHtml { get; private set; }

    public bool Deleting { get; private set; }

    public async Task<IActionResult> OnGetAsync(string blog, string? id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(blog, id, cancellationToken) is { } failure)
        {
            return failure;
        }
        Form = Existing is { } page
            ? new PageForm { Title = page.Title, Slug = page.Slug, Language = page.Language, Body = page.BodyMarkdown, ParentId = page.ParentId, Order = page.Order, Published = page.Published }
            : new PageForm { Language = Access.Blog.Language };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string blog, string? id, string? action, CancellationToken cancellationToken)
    {
        if (await LoadAsync(blog, id, cancellationToken) is { } failure)
        {
            return failure;
        }
        if (!ModelState.IsValid)
        {
            return BadRequest();
        }
        if (action == "preview")
        {
            PreviewHtml = renderer.Render(Form.Body ?? "").Html;
            return Page();
        }
        var input = new PageInput(Form.Title, Form.Body, Form.Language, Form.Slug, Form.Published, Form.ParentId, Form.Order);
        var outcome = Existing is { } page
            ? await pages.UpdateAsync(page, input, cancellationToken)
            : await pages.CreateAsync(Access.Blog.Id, Viewer.UserId, input, cancellationToken);
        if (outcome is PageSave.Invalid invalid)
        {
            foreach (var problem in invalid.Problems)
            {
                Errors[problem.Field.ToString()] = Text["Admin.Pages.Error." + problem.Field + "." + problem.Code];
            }
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        return Redirect($"/admin/{Access.Blog.Handle}/pages?done=saved");
    }

    // The first press asks again; the second (confirmed) deletes.
    public async Task<IActionResult> OnPostDeleteAsync(string blog, string? id, bool confirmed, CancellationToken cancellationToken)
    {
        if (await LoadAsync(blog, id, cancellationToken) is { } failure)
        {
            return failure;
        }
        if (Existing is not { } page)
        {
            return NotFound();
        }
        if (!confirmed)
        {
            Deleting = true;
            Form = new PageForm { Title = page.Title, Slug = page.Slug, Language = page.Language, Body = page.BodyMarkdown, ParentId = page.ParentId, Order = page.Order, Published = page.Published };
            return Page();
        }
        await pages.DeleteAsync(page, cancellationToken);
        return Redirect($"/admin/{Access.Blog.Handle}/pages?done=deleted");
    }

    private async Task<IActionResult?> LoadAsync(string blog, string? id, CancellationToken cancellationToken)
    {
        if (!await LoadBlogAsync(access, blog, cancellationToken))
        {
            return NotFound();
        }
        if (!Access.CanSeeAllPosts)
        {
            return Forbid();
        }
        if (id is not null and not "new")
        {
            // The page is looked up in the blog named by the address: another blog's page id is not found here.
            if (!int.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
                || await pages.FindAsync(Access.Blog.Id, number, cancellationToken) is not { } page)
            {
                return NotFound();
            }
            Existing = page;
        }
        // A page cannot sit under itself or a page below it: those are left out of the choices.
        var tree = await pages.TreeAsync(Access.Blog.Id, publishedOnly: false, cancellationToken);
        var excluded = new HashSet<int>();
        if (Existing is not null)
        {
            excluded.Add(Existing.Id);
            foreach (var (page, _) in tree)
            {
                if (page.ParentId is { } parent && excluded.Contains(parent))
                {
                    excluded.Add(page.Id);
                }
            }
        }
        Parents = tree.Where(t => !excluded.Contains(t.Page.Id)).ToList();
        Chrome(Existing is null ? Text["Admin.Pages.New"] : Text["Admin.Pages.Edit"]);
        return null;
    }
}
