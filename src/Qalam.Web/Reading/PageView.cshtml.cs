using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Qalam.Accounts;
using Qalam.BlogPages;
using Qalam.Blogs;
using Qalam.Shared;
using Qalam.Storage;

namespace Qalam.Reading;

// A page of a blog: its title and body in its own language and direction, the pages above it as a trail and the
// pages under it as a list. An unpublished page is shown only to the blog's people (marked, and never indexed); a
// renamed page's old address redirects for good.
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = ReadingFeature.ListingCache)]
public sealed class PageViewModel(BlogDirectory blogs, QalamDb db, BlogAddresses addresses, BlogAccessChecker access) : PageModel
{
    public BlogView Blog { get; private set; } = null!;

    public BlogPage Shown { get; private set; } = null!;

    public List<PageSummary> Trail { get; } = [];

    public List<PageSummary> Children { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string blog, string slug, CancellationToken cancellationToken)
    {
        if (await blogs.FindAsync(blog, cancellationToken) is not { } found)
        {
            return NotFound();
        }
        Blog = found;
        var page = await db.BlogPages.AsNoTracking().SingleOrDefaultAsync(p => p.BlogId == found.Id && p.Slug == slug, cancellationToken);
        if (page is null)
        {
            var moved = await db.BlogPageSlugRedirects.AsNoTracking().Where(r => r.BlogId == found.Id && !r.FromPost && r.Slug == slug)
                .Join(db.BlogPages, r => r.PageId, p => p.Id, (_, p) => p.Slug).FirstOrDefaultAsync(cancellationToken);
            return moved is null ? NotFound() : RedirectPermanent(addresses.Page(found.Handle, moved));
        }
        var member = !page.Published && Viewer.From(User) is { } viewer && await access.ForAsync(viewer, found, cancellationToken) is not null;
        if (!page.Published && !member)
        {
            return NotFound();
        }
        Shown = page;
        var all = await db.BlogPages.AsNoTracking().Where(p => p.BlogId == found.Id && (p.Published || member))
            .Select(p => new PageSummary(p.Id, p.Title, p.Slug, p.Language, p.Published, p.ParentId, p.Order, p.UpdatedAt))
            .ToListAsync(cancellationToken);
        var byId = all.ToDictionary(p => p.Id);
        for (var up = page.ParentId; up is { } id && byId.TryGetValue(id, out var parent) && Trail.Count < 20; up = parent.ParentId)
        {
            Trail.Insert(0, parent);
        }
        Children = BlogPageEditor.Tree(all).Where(t => t.Page.ParentId == page.Id).Select(t => t.Page).ToList();
        var plain = Posts.MarkdownRenderer.PlainText(page.BodyHtml).Trim();
        new PageChrome(found.Language, page.Title, found, plain.Length > 200 ? plain[..200].TrimEnd() + "…" : plain)
        {
            Canonical = addresses.Site().Absolute(addresses.Page(found.Handle, page.Slug)),
            NoIndex = !page.Published,
        }.ApplyTo(ViewData);
        return Page();
    }
}
