using Microsoft.AspNetCore.Mvc;
using Qalam.Accounts;
using Qalam.Admin;

namespace Qalam.BlogPages.Admin;

// The blog's pages as a tree, for its editors and owners.
public sealed class PageListModel(BlogAccessChecker access, BlogPageEditor pages) : AdminPageModel
{
    public List<(PageSummary Page, int Depth)> Pages { get; private set; } = [];

    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string blog, string? done, CancellationToken cancellationToken)
    {
        if (!await LoadBlogAsync(access, blog, cancellationToken))
        {
            return NotFound();
        }
        if (!Access.CanSeeAllPosts)
        {
            return Forbid();
        }
        Chrome(Text["Admin.Pages"]);
        Done = done is "saved" or "deleted" ? Text["Admin.Pages.Done." + done] : null;
        Pages = await pages.TreeAsync(Access.Blog.Id, publishedOnly: false, cancellationToken);
        return Page();
    }
}
