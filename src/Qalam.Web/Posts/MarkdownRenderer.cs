using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Ganss.Xss;
using Markdig;

namespace Qalam.Posts;

public sealed record RenderedMarkdown(string Html, string Excerpt);

// Markdown from anyone is rendered by Markdig and then sanitized: whatever the source says, the result runs no script.
public sealed class MarkdownRenderer
{
    private const int ExcerptLength = 280;

    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .UseAdvancedExtensions()
        .Build();

    private static readonly HtmlParser Parser = new();

    private static readonly HashSet<string> InlineElements =
        ["a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i", "ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var"];

    private readonly HtmlSanitizer _sanitizer = CreateSanitizer();

    public RenderedMarkdown Render(string markdown)
    {
        var html = _sanitizer.Sanitize(Markdown.ToHtml(markdown, _pipeline));
        return new RenderedMarkdown(html, Excerpt(PlainText(html)));
    }

    // The excerpt is read from the sanitized HTML, not from the Markdown: a post written in HTML (an import) would
    // otherwise show its tags as text. Block elements are separated by a space so that words do not run together.
    private static string PlainText(string html)
    {
        var text = new StringBuilder();
        Append(Parser.ParseFragment(html, null!));
        return text.ToString();

        void Append(IEnumerable<INode> nodes)
        {
            foreach (var node in nodes)
            {
                switch (node)
                {
                    case IText t:
                        text.Append(t.Data);
                        break;
                    case IElement e:
                        Append(e.ChildNodes);
                        if (!InlineElements.Contains(e.LocalName))
                        {
                            text.Append(' ');
                        }
                        break;
                }
            }
        }
    }

    private static string Excerpt(string plain)
    {
        var text = string.Join(' ', plain.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (text.Length <= ExcerptLength)
        {
            return text;
        }
        var cut = text.LastIndexOf(' ', ExcerptLength);
        return string.Concat(text.AsSpan(0, cut > ExcerptLength / 2 ? cut : ExcerptLength), "…");
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedAttributes.Add("dir");
        sanitizer.AllowedAttributes.Add("lang");
        sanitizer.AllowedSchemes.Add("mailto");
        return sanitizer;
    }
}
