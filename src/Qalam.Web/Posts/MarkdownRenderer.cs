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

    private readonly HtmlSanitizer _sanitizer = CreateSanitizer();

    public RenderedMarkdown Render(string markdown)
    {
        var html = _sanitizer.Sanitize(Markdown.ToHtml(markdown, _pipeline));
        var plain = Markdown.ToPlainText(markdown, _pipeline);
        return new RenderedMarkdown(html, Excerpt(plain));
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
