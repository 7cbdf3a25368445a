using Microsoft.AspNetCore.Mvc.RazorPages;
using Qalam.Localization;
using Qalam.Shared;

namespace Qalam.Blogs;

public sealed class SiteHomeModel(BlogDirectory blogs, TimeProvider time) : PageModel
{
    public IReadOnlyList<BlogSummary> Blogs { get; private set; } = [];

    public UiText Text { get; private set; } = UiText.English;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Blogs = await blogs.ListAsync(time.GetUtcNow().UtcDateTime, cancellationToken);
        var language = PageChrome.ReaderLanguage();
        Text = UiText.For(language);
        new PageChrome(language, Text["Site.Name"], Description: Text["Site.Tagline"]).ApplyTo(ViewData);
    }
}
