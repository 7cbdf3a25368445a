using Qalam.Blogs;
using Qalam.Localization;

namespace Qalam.Comments;

// Model of one level of the comment thread on the post page.
public sealed record CommentListModel(IReadOnlyList<CommentNode> Nodes, int Depth, BlogView Blog, string PostPath, bool CanReply)
{
    // Deeper replies are shown flat under the last indented level, so threads stay readable on a phone.
    public const int MaxIndentedDepth = 4;

    public UiText Text => UiText.For(Blog.Language);
}
