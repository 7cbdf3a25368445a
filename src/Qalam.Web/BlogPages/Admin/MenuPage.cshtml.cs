using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Qalam.Accounts;
using Qalam.Admin;
using Qalam.Blogs;
using Qalam.Posts;
using Qalam.Storage;

namespace Qalam.BlogPages.Admin;

public sealed class MenuRow
{
    public string? Label { get; set; }

    // "home", "archive", "page:{id}", "tag:{slug}" or "address".
    public string? Link { get; set; }
    public string? Address { get; set; }
}

// The blog's navigation menu, for its owners: rows of a label and where it leads (the home, the archive, a page, a
// tag, or another address), in the order shown; a row without a label is dropped. Works without script: the form
// always offers a few empty rows to fill.
public sealed class MenuPageModel(BlogAccessChecker access, QalamDb db, BlogPageEditor pages) : AdminPageModel
{
    public const int EmptyRows = 3;

    [BindProperty]
    public List<MenuRow> Rows { get; set; } = [];

    public List<(PageSummary Page, int Depth)> Pages { get; private set; } = [];

    public List<(string Slug, string Name)> Tags { get; private set; } = [];

    public Dictionary<int, string> Errors { get; } = [];

    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(string blog, int? saved, CancellationToken cancellationToken)
    {
        if (await LoadAsync(blog, cancellationToken) is { } failure)
        {
            return failure;
        }
        Saved = saved == 1;
        var items = await db.BlogMenuItems.AsNoTracking().Where(m => m.BlogId == Access.Blog.Id).OrderBy(m => m.Position).ThenBy(m => m.Id)
            .ToListAsync(cancellationToken);
        Rows = items.Select(m => new MenuRow
        {
            Label = m.Label,
            Link = m.Kind switch
            {
                MenuItemKind.Home => "home",
                MenuItemKind.Archive => "archive",
                MenuItemKind.Page => "page:" + m.PageId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                MenuItemKind.Tag => "tag:" + Uri.UnescapeDataString(m.Target["/tags/".Length..]),
                _ => "address",
            },
            Address = m.Kind == MenuItemKind.Address ? m.Target : null,
        }).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string blog, CancellationToken cancellationToken)
    {
        if (await LoadAsync(blog, cancellationToken) is { } failure)
        {
            return failure;
        }
        var items = new List<BlogMenuItem>();
        var pageIds = Pages.Select(p => p.Page.Id).ToHashSet();
        var pageSlugs = Pages.ToDictionary(p => p.Page.Id, p => p.Page.Slug);
        var tagSlugs = Tags.Select(t => t.Slug).ToHashSet(StringComparer.Ordinal);
        foreach (var (row, index) in Rows.Select((r, i) => (r, i)))
        {
            var label = row.Label?.Trim() ?? "";
            if (label.Length == 0)
            {
                continue;
            }
            if (label.Length > BlogMenuItem.LabelMaxLength)
            {
                Errors[index] = Text["Admin.Menu.Error.Label", Text.Number(BlogMenuItem.LabelMaxLength)];
                continue;
            }
            var link = row.Link ?? "";
            var position = items.Count;
            var id = Access.Blog.Id;
            if (link == "home")
            {
                items.Add(new BlogMenuItem(id, position, label, MenuItemKind.Home, "", null));
            }
            else if (link == "archive")
            {
                items.Add(new BlogMenuItem(id, position, label, MenuItemKind.Archive, "/archive", null));
            }
            else if (link.StartsWith("page:", StringComparison.Ordinal) && int.TryParse(link[5..], System.Globalization.CultureInfo.InvariantCulture, out var pageId)
                && pageIds.Contains(pageId))
            {
                items.Add(new BlogMenuItem(id, position, label, MenuItemKind.Page, BlogPageEditor.PagePath(pageSlugs[pageId]), pageId));
            }
            else if (link.StartsWith("tag:", StringComparison.Ordinal) && tagSlugs.Contains(link[4..]))
            {
                items.Add(new BlogMenuItem(id, position, label, MenuItemKind.Tag, PostPaths.Tag(link[4..]), null));
            }
            else if (link == "address" && BoxLinks.Checked(row.Address) is { } address)
            {
                items.Add(new BlogMenuItem(id, position, label, MenuItemKind.Address, address, null));
            }
            else
            {
                // A page or tag of another blog, or an address that is not a web address (javascript:, data:…).
                Errors[index] = Text[link == "address" ? "Admin.Menu.Error.Address" : "Admin.Menu.Error.Link"];
            }
        }
        if (items.Count > BlogMenuItem.MaxPerBlog)
        {
            Errors[-1] = Text["Admin.Menu.Error.TooMany", Text.Number(BlogMenuItem.MaxPerBlog)];
        }
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.BlogMenuItems.Where(m => m.BlogId == Access.Blog.Id).ExecuteDeleteAsync(cancellationToken);
        db.BlogMenuItems.AddRange(items);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Redirect($"/admin/{Access.Blog.Handle}/menu?saved=1");
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
        Chrome(Text["Admin.Menu"]);
        Pages = await pages.TreeAsync(Access.Blog.Id, publishedOnly: false, cancellationToken);
        Tags = (await db.Tags.AsNoTracking().Where(t => t.BlogId == Access.Blog.Id).OrderBy(t => t.Name).Take(500)
            .Select(t => new { t.Slug, t.Name }).ToListAsync(cancellationToken)).Select(t => (t.Slug, t.Name)).ToList();
        return null;
    }
}
