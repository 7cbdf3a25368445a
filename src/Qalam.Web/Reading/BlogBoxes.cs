using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Qalam.Accounts;
using Qalam.BlogPages;
using Qalam.Blogs;
using Qalam.Comments;
using Qalam.Localization;
using Qalam.Posts;
using Qalam.Shared;
using Qalam.Storage;

namespace Qalam.Reading;

// The boxes of a blog with what each shows, made once per blog and content version on this node (a save anywhere
// here moves the version) and kept at most a minute, so scheduled posts appear in them on time.
public sealed class BlogBoxes(QalamDb db, IMemoryCache cache, ContentVersion content, BlogAddresses addresses, PostReader posts, TimeProvider time)
    : IBlogBoxes
{
    public const int ListLength = 5;
    public const int TagCount = 15;
    public const int MonthCount = 12;

    public async Task<IReadOnlyList<BoxView>> ForAsync(BlogView blog, CancellationToken cancellationToken)
    {
        var key = ("boxes", blog.Id, content.Current, blog.Look.LogoPath);
        if (cache.TryGetValue(key, out IReadOnlyList<BoxView>? kept) && kept is not null)
        {
            return kept;
        }
        var boxes = await db.BlogBoxes.AsNoTracking().Where(b => b.BlogId == blog.Id).OrderBy(b => b.Position).ThenBy(b => b.Id).ToListAsync(cancellationToken);
        var views = new List<BoxView>();
        foreach (var box in boxes)
        {
            if (await ViewAsync(blog, box, cancellationToken) is { } view)
            {
                views.Add(view);
            }
        }
        cache.Set(key, (IReadOnlyList<BoxView>)views, new MemoryCacheEntryOptions { Size = 1 + views.Sum(v => v.Links.Count), AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1) });
        return views;
    }

    private async Task<BoxView?> ViewAsync(BlogView blog, BlogBox box, CancellationToken cancellationToken)
    {
        var text = UiText.For(blog.Language);
        var heading = box.Title.Length > 0 ? box.Title : text["Box." + box.Kind];
        var now = time.GetUtcNow().UtcDateTime;
        var visible = db.Posts.AsNoTracking().Where(p => p.BlogId == blog.Id).Where(Post.VisibleAt(now));
        switch (box.Kind)
        {
            case BoxKind.About:
                return new BoxView(box.Kind, heading, [], Html: box.Html);
            case BoxKind.Photo:
            {
                // The photo of the blog's first owner, named under it (a link to their author page once they have
                // published here); without one the blog's logo (Appearance); without either the box is not shown.
                var owner = await db.Set<BlogMember>().AsNoTracking().Where(m => m.BlogId == blog.Id && m.Role == BlogRole.Owner).OrderBy(m => m.Id)
                    .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.Id, u.DisplayName, u.PhotoName, Published = visible.Any(p => p.AuthorId == u.Id) })
                    .FirstOrDefaultAsync(cancellationToken);
                if (owner is { PhotoName: { } photo })
                {
                    return new BoxView(box.Kind, heading, owner.Published ? [new BoxLink(owner.DisplayName, addresses.Author(blog.Handle, owner.Id))] : [],
                        Image: QalamUser.PhotoPathOf(photo), ImageAlt: owner.DisplayName);
                }
                return blog.Look.LogoPath is { } logo ? new BoxView(box.Kind, heading, [], Image: logo, ImageAlt: blog.Title) : null;
            }
            case BoxKind.Links:
                return new BoxView(box.Kind, heading, [.. BoxLinks.Parse(box.Text).Select(l => new BoxLink(l.Label, l.Address))]);
            case BoxKind.Archive:
            {
                var months = (await posts.PublishedTimesAsync(blog.Id, now, cancellationToken)).Select(t => BlogDates.MonthOf(t, blog))
                    .GroupBy(m => m).Take(MonthCount)
                    .Select(g => new BoxLink(BlogDates.MonthName(g.Key.Year, g.Key.Month, blog), addresses.ArchiveMonth(blog.Handle, g.Key.Year, g.Key.Month),
                        text.Number(g.Count())))
                    .ToList();
                return new BoxView(box.Kind, heading, months, More: addresses.Archive(blog.Handle));
            }
            case BoxKind.Tags:
            {
                var tags = await visible.SelectMany(p => p.Tags).GroupBy(t => new { t.Slug, t.Name })
                    .Select(g => new { g.Key.Slug, g.Key.Name, Count = g.Count() })
                    .OrderByDescending(t => t.Count).ThenBy(t => t.Name).Take(TagCount).ToListAsync(cancellationToken);
                return new BoxView(box.Kind, heading, [.. tags.Select(t => new BoxLink(t.Name, addresses.Tag(blog.Handle, t.Slug), text.Number(t.Count)))]);
            }
            case BoxKind.RecentPosts:
            {
                var recent = await visible.OrderByDescending(p => p.PublishedAt).ThenByDescending(p => p.Id).Take(ListLength)
                    .Select(p => new { p.Slug, p.Title, p.Language, p.PublishedAt }).ToListAsync(cancellationToken);
                return new BoxView(box.Kind, heading, [.. recent.Select(p => new BoxLink(p.Title, addresses.Post(blog.Handle, p.Slug),
                    BlogDates.Format(p.PublishedAt!.Value, blog), p.Language))]);
            }
            case BoxKind.RecentComments:
            {
                var comments = await db.Comments.AsNoTracking().Where(c => c.BlogId == blog.Id && c.Status == CommentStatus.Approved)
                    .Join(visible, c => c.PostId, p => p.Id, (c, p) => new { c.Id, c.AuthorName, c.CreatedAt, p.Slug, p.Title, p.Language })
                    .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id).Take(ListLength).ToListAsync(cancellationToken);
                return new BoxView(box.Kind, heading, [.. comments.Select(c => new BoxLink(text["Box.CommentOn", "\u2068" + c.AuthorName + "\u2069", "\u2068" + c.Title + "\u2069"],
                    addresses.Post(blog.Handle, c.Slug) + "#comment-" + c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))]);
            }
            case BoxKind.Pages:
            {
                var pages = await db.BlogPages.AsNoTracking().Where(p => p.BlogId == blog.Id && p.Published && p.ParentId == null)
                    .OrderBy(p => p.Order).ThenBy(p => p.Title).Take(20).Select(p => new { p.Slug, p.Title, p.Language }).ToListAsync(cancellationToken);
                return new BoxView(box.Kind, heading, [.. pages.Select(p => new BoxLink(p.Title, addresses.Page(blog.Handle, p.Slug), Language: p.Language))]);
            }
            case BoxKind.Search:
            case BoxKind.Subscribe:
                // Drawn by the layout from the blog's addresses: a search form, the feeds.
                return new BoxView(box.Kind, heading, []);
            default:
                return null;
        }
    }
}
