using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Qalam.Import;

internal sealed record ConvertedBody(string Markdown, int RemovedShortcodes);

// WordPress stores a post as HTML in which blank lines mean paragraphs (classic editor) or as block markup, with
// shortcodes for media. Qalam stores Markdown, and Markdown passes an HTML block through untouched until its first
// blank line; so the post becomes one HTML block without blank lines, and the renderer sanitizes it as always.
internal static partial class WordPressContent
{
    private const string BlockTags =
        "table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary";

    public static ConvertedBody ToMarkdown(string content)
    {
        var text = content.Replace("\r\n", "\n").Replace('\r', '\n');
        var removed = 0;
        // [[gallery]] is how WordPress writes the text "[gallery]" without running the shortcode.
        var escaped = new List<string>();
        text = EscapedShortcode().Replace(text, m =>
        {
            escaped.Add(m.Groups["code"].Value);
            return $"\u0002{escaped.Count - 1}\u0002";
        });
        text = Caption().Replace(text, m => Figure(m.Groups["inner"].Value, m.Groups["attributes"].Value));
        text = Media().Replace(text, m =>
        {
            var url = FirstUrl(m.Groups["attributes"].Value + " " + m.Groups["inner"].Value);
            if (url is null)
            {
                removed++;
                return "";
            }
            return Link(url);
        });
        text = Dropped().Replace(text, _ =>
        {
            removed++;
            return "";
        });
        text = BareUrlLine().Replace(text, m => Link(WebUtility.HtmlDecode(m.Groups["url"].Value)));
        if (!text.Contains("<!-- wp:", StringComparison.Ordinal))
        {
            text = AutoParagraphs(text);
        }
        text = EscapedPlaceholder().Replace(text, m => escaped[int.Parse(m.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture)]);
        text = WithoutBlankLines(text).Trim();
        return new ConvertedBody(text.Length == 0 ? "" : "<div class=\"wp-import\">\n" + text + "\n</div>\n", removed);
    }

    // Titles may carry markup and entities (even inside CDATA); Qalam titles are plain text.
    public static string PlainTitle(string title) =>
        WebUtility.HtmlDecode(Tags().Replace(title, "")).Trim();

    // Comment bodies are plain text in Qalam: paragraphs and line breaks survive, markup does not.
    public static string PlainText(string html)
    {
        var text = Unreadable().Replace(html.Replace("\r\n", "\n"), "");
        text = LineBreak().Replace(text, "\n");
        text = ListItem().Replace(text, "\n• ");
        text = BlockEnd().Replace(text, "\n\n");
        text = WebUtility.HtmlDecode(Tags().Replace(text, ""));
        text = string.Join('\n', text.Split('\n').Select(line => line.TrimEnd()));
        return ManyNewlines().Replace(text, "\n\n").Trim();
    }

    private static string Figure(string inner, string attributes)
    {
        var parts = CaptionMedia().Match(inner.Trim());
        var media = parts.Success ? parts.Groups["media"].Value : "";
        var caption = parts.Success ? parts.Groups["caption"].Value.Trim() : inner.Trim();
        if (caption.Length == 0 && AttributeCaption().Match(attributes) is { Success: true } attribute)
        {
            caption = attribute.Groups["text"].Value;
        }
        return $"<figure>{media}<figcaption>{caption}</figcaption></figure>";
    }

    private static string? FirstUrl(string text) =>
        Url().Match(text) is { Success: true } match ? WebUtility.HtmlDecode(match.Value) : null;

    private static string Link(string url)
    {
        var encoded = WebUtility.HtmlEncode(url);
        return $"<p><a href=\"{encoded}\">{encoded}</a></p>";
    }

    // What WordPress's wpautop does for classic posts: blank lines separate paragraphs, a single newline is a
    // line break, and block-level elements are left as they are. <pre> is kept verbatim.
    private static string AutoParagraphs(string text)
    {
        var kept = new List<string>();
        text = Pre().Replace(text, m =>
        {
            kept.Add(m.Value);
            return $"\n\n\u0001{kept.Count - 1}\u0001\n\n";
        });
        text = BlockOpen().Replace(text, "\n\n$1");
        text = BlockClose().Replace(text, "$1\n\n");
        var html = new StringBuilder();
        foreach (var chunk in Regex.Split(text, @"\n[ \t]*\n"))
        {
            var trimmed = chunk.Trim('\n', ' ', '\t');
            if (trimmed.Length > 0)
            {
                html.Append("<p>").Append(trimmed.Replace("\n", "<br>\n")).Append("</p>\n");
            }
        }
        var result = html.ToString();
        result = ParagraphBeforeBlock().Replace(result, "$1");
        result = ParagraphAfterBlock().Replace(result, "$1");
        result = BreakAfterBlock().Replace(result, "$1");
        result = BreakBeforeBlock().Replace(result, "$1");
        result = EmptyParagraph().Replace(result, "");
        return Placeholder().Replace(result, m => kept[int.Parse(m.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture)]);
    }

    // A blank line would end Markdown's HTML block; inside <pre> the newline survives as a character reference.
    private static string WithoutBlankLines(string html)
    {
        var result = new StringBuilder();
        var last = 0;
        foreach (Match pre in Pre().Matches(html))
        {
            result.Append(BlankLines().Replace(html[last..pre.Index], "\n"));
            result.Append(NewlineBeforeBlankLine().Replace(pre.Value, "&#10;"));
            last = pre.Index + pre.Length;
        }
        result.Append(BlankLines().Replace(html[last..], "\n"));
        return result.ToString();
    }

    [GeneratedRegex(@"\[(?<code>\[/?(?:wp_)?(?:caption|gallery|playlist|audio|video|embed)\b[^\]]*\])\]")]
    private static partial Regex EscapedShortcode();

    [GeneratedRegex(@"\u0002(?<n>\d+)\u0002")]
    private static partial Regex EscapedPlaceholder();

    [GeneratedRegex(@"\[(?:wp_)?caption(?<attributes>[^\]]*)\](?<inner>.*?)\[/(?:wp_)?caption\]", RegexOptions.Singleline)]
    private static partial Regex Caption();

    [GeneratedRegex(@"^(?<media>(?:<a\s[^>]*>\s*)?<img\s[^>]*>(?:\s*</a>)?)(?<caption>.*)$", RegexOptions.Singleline)]
    private static partial Regex CaptionMedia();

    [GeneratedRegex(@"\bcaption=""(?<text>[^""]*)""")]
    private static partial Regex AttributeCaption();

    [GeneratedRegex(@"\[(?<name>audio|video|embed)(?<attributes>[^\]]*)\](?:(?<inner>[^\[]*)\[/\k<name>\])?")]
    private static partial Regex Media();

    [GeneratedRegex(@"\[(?:gallery|playlist)\b[^\]]*\]")]
    private static partial Regex Dropped();

    [GeneratedRegex(@"https?://[^\s""'\]\[<>]+")]
    private static partial Regex Url();

    [GeneratedRegex(@"^[ \t]*(?<url>https?://[^\s<>""]+)[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex BareUrlLine();

    [GeneratedRegex(@"<pre[\s>].*?</pre>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Pre();

    [GeneratedRegex(@"(<(?:" + BlockTags + @")[\s/>])", RegexOptions.IgnoreCase)]
    private static partial Regex BlockOpen();

    [GeneratedRegex(@"(</(?:" + BlockTags + @")>|<hr[^>]*>)", RegexOptions.IgnoreCase)]
    private static partial Regex BlockClose();

    [GeneratedRegex(@"<p>\s*(</?(?:" + BlockTags + @")[^>]*>)", RegexOptions.IgnoreCase)]
    private static partial Regex ParagraphBeforeBlock();

    [GeneratedRegex(@"(</?(?:" + BlockTags + @")[^>]*>)\s*</p>", RegexOptions.IgnoreCase)]
    private static partial Regex ParagraphAfterBlock();

    [GeneratedRegex(@"(</?(?:" + BlockTags + @")[^>]*>)\s*<br>", RegexOptions.IgnoreCase)]
    private static partial Regex BreakAfterBlock();

    [GeneratedRegex(@"<br>(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)", RegexOptions.IgnoreCase)]
    private static partial Regex BreakBeforeBlock();

    [GeneratedRegex(@"<p>\s*</p>\n?")]
    private static partial Regex EmptyParagraph();

    [GeneratedRegex(@"<p>\u0001(?<n>\d+)\u0001</p>|\u0001(?<n>\d+)\u0001")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\n(?:[ \t]*\n)+")]
    private static partial Regex BlankLines();

    [GeneratedRegex(@"\n(?=[ \t]*\n)")]
    private static partial Regex NewlineBeforeBlankLine();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"<(script|style)\b[^>]*>.*?</\1\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Unreadable();

    [GeneratedRegex(@"<br\s*/?>", RegexOptions.IgnoreCase)]
    private static partial Regex LineBreak();

    [GeneratedRegex(@"<li[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ListItem();

    [GeneratedRegex(@"</(?:p|div|h[1-6]|blockquote|pre|table|tr|ul|ol|dl|dd|dt|figure)>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockEnd();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex ManyNewlines();
}
