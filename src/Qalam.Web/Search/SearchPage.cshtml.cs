using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qalam.Blogs;
using Qalam.Localization;
using Qalam.Shared;
using Qalam.Storage;

namespace Qalam.Search;

// A blog's search page: a plain GET form, ranked results with the matched words marked, ten a page.
public sealed class SearchPageModel(BlogDirectory blogs, PostSearch search, BlogAddresses addresses, TimeProvider time) : PageModel
{
    public const int PageSize = 10;

    public BlogView Blog { get; private set; } = null!;
    public UiText Text => UiText.For(Blog.Language);
    public string Query { get; private set; } = "";
    public string? Problem { get; private set; }
    public List<SearchHit> Hits { get; private set; } = [];
    public int Total { get; private set; }
    public int Number { get; private set; } = 1;
    public int PageCount => PageOfRows.Count(Total, PageSize);

    // "page" names the Razor page in route values, so the query's page number is bound by name from the query string.
    public async Task<IActionResult> OnGetAsync(string blog, string? q, [FromQuery(Name = "page")] int page = 1, CancellationToken cancellationToken = default)
    {
        var found = await blogs.FindAsync(blog, cancellationToken);
        if (found is null || page < 1)
        {
            return NotFound();
        }
        Blog = found;
        Query = (q ?? "").Trim();
        Number = page;
        if (Query.Length > PostSearch.MaxQueryLength)
        {
            Problem = Text["Search.TooLong", Text.Number(PostSearch.MaxQueryLength)];
            Query = Query[..PostSearch.MaxQueryLength];
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        else if (Query.Length > 0)
        {
            (Hits, Total) = await search.SearchAsync(found.Id, Query, time.GetUtcNow().UtcDateTime, page, PageSize, cancellationToken);
            if (page > PageCount)
            {
                return NotFound();
            }
        }
        var title = Query.Length > 0 ? Text["Search.TitleFor", Query] : Text["Search.Title"];
        // Result pages are not for search engines: they would index every query anyone typed.
        new PageChrome(found.Language, title, found) { NoIndex = true }.ApplyTo(ViewData);
        return Page();
    }

    // The snippet as HTML: its text encoded, the matched words in <mark>, nothing else.
    public Microsoft.AspNetCore.Html.IHtmlContent Highlighted(SearchHit hit)
    {
        var html = new Microsoft.AspNetCore.Html.HtmlContentBuilder();
        foreach (var segment in SearchHighlighter.Segments(hit.Snippet, Query))
        {
            if (segment.Match)
            {
                html.AppendHtml("<mark>").Append(segment.Text).AppendHtml("</mark>");
            }
            else
            {
                html.Append(segment.Text);
            }
        }
        return html;
    }

    public string PageUrl(int number) =>
        $"{addresses.Search(Blog.Handle)}?q={Uri.EscapeDataString(Query)}" + (number > 1 ? $"&page={number}" : "");
}
