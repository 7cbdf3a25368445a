using Qalam.Blogs;
using Qalam.Localization;
using Qalam.Posts;

namespace Qalam.Reading;

// Model of the shared list of post summaries on the blog home and tag pages.
public sealed record PostListing(BlogView Blog, PostPage Page, string BasePath)
{
    public UiText Text => UiText.For(Blog.Language);

    public string PageUrl(int page) => page == 1 ? BasePath : $"{BasePath}/page/{page}";
}
