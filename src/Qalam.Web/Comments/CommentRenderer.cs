using AngleSharp.Dom;
using Ganss.Xss;
using Markdig;
using Markdig.Parsers;

namespace Qalam.Comments;

// Comments are written as plain text with a little Markdown (paragraphs, line breaks, emphasis, links, code,
// quotes, lists) and rendered by Markdig with raw HTML off, then sanitized to that handful of elements: whatever a
// stranger types shows as text, and every link gets rel="nofollow ugc noopener".
public static class CommentRenderer
{
    private static readonly MarkdownPipeline Pipeline = CreatePipeline();
    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    public static string Render(string body) => Sanitizer.Sanitize(Markdown.ToHtml(body, Pipeline)).Trim();

    private static MarkdownPipeline CreatePipeline()
    {
        var builder = new MarkdownPipelineBuilder()
            .DisableHtml()
            .UseAutoLinks()
            .UseSoftlineBreakAsHardlineBreak();
        // No headings or horizontal rules in a comment: "# 1" and "---" stay text.
        builder.BlockParsers.RemoveAll(p => p is HeadingBlockParser);
        builder.BlockParsers.RemoveAll(p => p is ThematicBreakParser);
        return builder.Build();
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "p", "br", "em", "strong", "a", "code", "pre", "blockquote", "ul", "ol", "li" },
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href" },
            AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" },
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href" },
        });
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is IElement { LocalName: "a" } link)
            {
                link.SetAttribute("rel", "nofollow ugc noopener");
            }
        };
        return sanitizer;
    }
}
