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

    // Obsolete elements that old posts (WordPress's among them) still carry, and what HTML has instead.
    private static readonly Dictionary<string, string> Obsolete = new(StringComparer.Ordinal)
    {
        ["acronym"] = "abbr",
        ["tt"] = "code",
        ["strike"] = "s",
        ["big"] = "strong",
        ["center"] = "div",
        ["font"] = "span",
    };

    public RenderedMarkdown Render(string markdown)
    {
        var document = _sanitizer.SanitizeDom(Markdown.ToHtml(markdown, _pipeline));
        var body = document.Body!;
        Modernize(body);
        NumberHeadings(body);
        // Code blocks and tables scroll sideways on a narrow screen (site.css): keyboard users reach them too.
        foreach (var scroller in body.QuerySelectorAll("pre, table"))
        {
            scroller.SetAttribute("tabindex", "0");
        }
        return new RenderedMarkdown(body.InnerHtml, Excerpt(PlainText(body.ChildNodes)));
    }

    // Valid HTML whatever the source: obsolete elements become their successors, and a cite attribute that is not
    // an address (WordPress's test data has "inserted it") is dropped.
    private static void Modernize(IElement body)
    {
        foreach (var element in body.QuerySelectorAll("*").ToList())
        {
            if (Obsolete.TryGetValue(element.LocalName, out var successor))
            {
                var replacement = element.Owner!.CreateElement(successor);
                foreach (var attribute in element.Attributes.Where(a => a.Name is "title" or "lang" or "dir" or "class"))
                {
                    replacement.SetAttribute(attribute.Name, attribute.Value);
                }
                while (element.FirstChild is { } child)
                {
                    replacement.AppendChild(child);
                }
                element.Replace(replacement);
            }
            else if (element.GetAttribute("cite") is { } cite && !(Uri.TryCreate(cite, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            {
                element.RemoveAttribute("cite");
            }
        }
        // Old WordPress captions are a <dl> whose <dd> may be gone; a list of terms without descriptions is a <div>.
        foreach (var list in body.QuerySelectorAll("dl").Where(l => !l.Children.Any(c => c.LocalName == "dd")).ToList())
        {
            foreach (var term in list.Children.Where(c => c.LocalName == "dt").ToList())
            {
                Rename(term, "div");
            }
            Rename(list, "div");
        }
    }

    private static void Rename(IElement element, string name)
    {
        var replacement = element.Owner!.CreateElement(name);
        foreach (var attribute in element.Attributes)
        {
            replacement.SetAttribute(attribute.Name, attribute.Value);
        }
        while (element.FirstChild is { } child)
        {
            replacement.AppendChild(child);
        }
        element.Replace(replacement);
    }

    // The post's title is the page's h1, so the body's headings start at h2 and never skip a level: the highest
    // level the writer used becomes h2, the next h3, and a heading is never more than one below the one before it.
    private static void NumberHeadings(IElement body)
    {
        var headings = body.QuerySelectorAll("h1, h2, h3, h4, h5, h6").ToList();
        if (headings.Count == 0)
        {
            return;
        }
        var ranks = headings.Select(h => h.LocalName[1] - '0').Distinct().Order().Select((level, rank) => (level, rank)).ToDictionary(p => p.level, p => p.rank);
        var previous = 1;
        foreach (var heading in headings)
        {
            var level = Math.Min(Math.Min(2 + ranks[heading.LocalName[1] - '0'], previous + 1), 6);
            previous = level;
            if (heading.LocalName[1] - '0' == level)
            {
                continue;
            }
            Rename(heading, $"h{level}");
        }
    }

    // The excerpt is read from the sanitized HTML, not from the Markdown: a post written in HTML (an import) would
    // otherwise show its tags as text. Block elements are separated by a space so that words do not run together.
    public static string PlainText(string html) => PlainText(Parser.ParseFragment(html, null!));

    private static string PlainText(IEnumerable<INode> nodes)
    {
        var text = new StringBuilder();
        Append(nodes);
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
        // Forms in a post could ask a feed reader's user for a password on the blog's behalf; pages are guarded by the
        // CSP's form-action, feeds are not.
        foreach (var tag in new[] { "form", "input", "button", "select", "option", "optgroup", "textarea", "label", "fieldset", "legend", "datalist", "output" })
        {
            sanitizer.AllowedTags.Remove(tag);
        }
        sanitizer.AllowedAttributes.Add("dir");
        sanitizer.AllowedAttributes.Add("lang");
        sanitizer.AllowedSchemes.Add("mailto");
        return sanitizer;
    }
}
