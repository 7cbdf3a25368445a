using Qalam.Blogs;

namespace Qalam.Comments;

// The one rule for whether a post takes comments from readers now: the blog's policy, the post's own switch, and
// the blog's "close after N days".
public static class CommentWindow
{
    public static bool IsOpen(BlogView blog, bool postClosed, DateTime publishedAt, DateTime now) =>
        blog.CommentPolicy != CommentPolicy.Closed
        && !postClosed
        && (blog.CloseCommentsAfterDays is not { } days || now < publishedAt.AddDays(days));
}
