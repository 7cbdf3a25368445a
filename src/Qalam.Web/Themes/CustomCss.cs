using System.Security.Cryptography;
using System.Text;
using AngleSharp.Css;
using AngleSharp.Css.Dom;
using AngleSharp.Css.Dom.Events;
using AngleSharp.Css.Parser;
using Qalam.Blogs;

namespace Qalam.Themes;

public enum CssProblemKind
{
    TooLong,
    Syntax,
    Import,
    RuleNotAllowed,
    PropertyNotAllowed,
    Expression,
    ForeignUrl,
    ImageFunction,
}

// Line is 1-based; Detail names the rule, property or address the problem is about.
public sealed record CssProblem(CssProblemKind Kind, int Line, string Detail = "");

public sealed record CssFiltered(string Served, string? Hash, IReadOnlyList<CssProblem> Problems)
{
    public bool Accepted => Problems.Count == 0;
}

// An owner's own style sheet, read by a CSS parser (AngleSharp.Css) and refused with the line of each problem when
// it does not parse or asks for what a blog's style must not: other style sheets (@import), fonts or pictures from
// anywhere but the blog's own media, script in old browsers (expression(), behavior, -moz-binding). What is served
// is the parser's own writing of what it read, never the typed text, so that what was checked is what browsers get.
public static class CustomCss
{
    private static readonly string[] ForbiddenProperties = ["behavior", "-moz-binding"];

    // Functions that load a picture from a string as well as from url(): refused outright.
    private static readonly string[] ImageFunctions = ["image-set(", "-webkit-image-set(", "image(", "cross-fade(", "element(", "-moz-element("];

    public static CssFiltered Filter(string? typed, string blogHandle)
    {
        // Not trimmed: the lines of problems are the lines the owner sees in their text.
        var text = (typed ?? "").ReplaceLineEndings("\n");
        if (string.IsNullOrWhiteSpace(text))
        {
            return new CssFiltered("", null, []);
        }
        if (text.Length > BlogThemes.CustomCssMaxLength)
        {
            return new CssFiltered("", null, [new CssProblem(CssProblemKind.TooLong, 0, BlogThemes.CustomCssMaxLength.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        }
        var problems = new List<CssProblem>();
        var parser = new CssParser(new CssParserOptions
        {
            IsIncludingUnknownDeclarations = true,
            IsIncludingUnknownRules = true,
            IsToleratingInvalidSelectors = false,
            IsNotResolvingRelativeUrls = true,
        });
        parser.Error += (_, e) =>
        {
            if (e is CssErrorEvent error)
            {
                problems.Add(new CssProblem(CssProblemKind.Syntax, error.Position.Line, error.Message));
            }
        };
        // A string left open on the last line is closed by the end of input without a word from the parser; a line
        // end after it makes the parser say so, as it does on every other line.
        var sheet = parser.ParseStyleSheet(text + "\n");
        var lines = new LineFinder(text);
        CheckRules(sheet.Rules, $"/media/{blogHandle}/", lines, problems);
        if (problems.Count > 0)
        {
            return new CssFiltered("", null, problems.DistinctBy(p => (p.Kind, p.Line, p.Detail)).OrderBy(p => p.Line).Take(20).ToList());
        }
        using var writer = new StringWriter();
        sheet.ToCss(writer, new PrettyStyleFormatter());
        // A served sheet never holds "<": inside strings the escape reads back the same, elsewhere it cannot occur.
        var served = writer.ToString().Replace("<", "\\3c ", StringComparison.Ordinal).Trim() + "\n";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(served)))[..16];
        return new CssFiltered(served, hash, []);
    }

    private static void CheckRules(ICssRuleList rules, string mediaPrefix, LineFinder lines, List<CssProblem> problems)
    {
        foreach (var rule in rules)
        {
            switch (rule)
            {
                case ICssStyleRule style:
                    CheckDeclarations(style.Style, mediaPrefix, lines, problems);
                    CheckRules(style.Rules, mediaPrefix, lines, problems);
                    break;
                case ICssKeyframesRule keyframes:
                    foreach (var frame in keyframes.Rules.OfType<ICssKeyframeRule>())
                    {
                        CheckDeclarations(frame.Style, mediaPrefix, lines, problems);
                    }
                    break;
                case ICssMediaRule or ICssSupportsRule or ICssContainerRule:
                    CheckRules(((ICssGroupingRule)rule).Rules, mediaPrefix, lines, problems);
                    break;
                case ICssImportRule:
                    problems.Add(new CssProblem(CssProblemKind.Import, lines.Of("@import"), "@import"));
                    break;
                default:
                    var name = RuleName(rule);
                    problems.Add(new CssProblem(CssProblemKind.RuleNotAllowed, lines.Of(name), name));
                    break;
            }
        }
    }

    private static string RuleName(ICssRule rule) => rule.Type switch
    {
        CssRuleType.FontFace => "@font-face",
        CssRuleType.Namespace => "@namespace",
        CssRuleType.Charset => "@charset",
        CssRuleType.Page => "@page",
        CssRuleType.Document => "@document",
        CssRuleType.Viewport => "@viewport",
        CssRuleType.FontFeatureValues => "@font-feature-values",
        CssRuleType.CounterStyle => "@counter-style",
        _ => "@" + rule.Type.ToString().ToLowerInvariant(),
    };

    private static void CheckDeclarations(ICssStyleDeclaration declarations, string mediaPrefix, LineFinder lines, List<CssProblem> problems)
    {
        foreach (var property in declarations)
        {
            var name = property.Name;
            if (ForbiddenProperties.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                problems.Add(new CssProblem(CssProblemKind.PropertyNotAllowed, lines.Of(name), name));
                continue;
            }
            // Escapes are read back first: "\75 rl(" is url( to a browser.
            var value = Unescape(property.Value ?? "");
            if (value.Contains("expression(", StringComparison.OrdinalIgnoreCase) || value.Contains("javascript:", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add(new CssProblem(CssProblemKind.Expression, lines.Of(name), name));
                continue;
            }
            if (ImageFunctions.FirstOrDefault(f => value.Contains(f, StringComparison.OrdinalIgnoreCase)) is { } function)
            {
                problems.Add(new CssProblem(CssProblemKind.ImageFunction, lines.Of(name), function.TrimEnd('(')));
                continue;
            }
            foreach (var address in Urls(value))
            {
                if (!IsOwnMedia(address, mediaPrefix))
                {
                    problems.Add(new CssProblem(CssProblemKind.ForeignUrl, lines.Of(name), address.Length > 80 ? address[..80] + "…" : address));
                }
            }
        }
    }

    // The blog's own pictures only, by their path on this site: no other host, no way out of the folder.
    private static bool IsOwnMedia(string address, string mediaPrefix) =>
        address.StartsWith(mediaPrefix, StringComparison.Ordinal)
        && address.Length > mediaPrefix.Length
        && !address.Contains("..", StringComparison.Ordinal)
        && !address.Contains('\\', StringComparison.Ordinal)
        && !address.Contains("//", StringComparison.Ordinal)
        && address.IndexOfAny(['?', '#', ' ', '\t', '\n', '"', '\'', '(', ')']) < 0;

    // The argument of every url( in a value, as a browser would read it (quoted or not).
    private static IEnumerable<string> Urls(string value)
    {
        var at = 0;
        while ((at = value.IndexOf("url(", at, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            var i = at + 4;
            while (i < value.Length && char.IsWhiteSpace(value[i]))
            {
                i++;
            }
            var quote = i < value.Length && value[i] is '"' or '\'' ? value[i] : '\0';
            var start = quote == '\0' ? i : i + 1;
            var end = quote == '\0' ? value.IndexOf(')', start) : value.IndexOf(quote, start);
            end = end < 0 ? value.Length : end;
            yield return value[start..end].Trim();
            at = end;
        }
    }

    // CSS escapes: a backslash and up to six hex digits (and one space after them), or a backslash and any other
    // character, which stands for itself.
    private static string Unescape(string value)
    {
        if (!value.Contains('\\', StringComparison.Ordinal))
        {
            return value;
        }
        var result = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != '\\' || i + 1 >= value.Length)
            {
                result.Append(value[i]);
                continue;
            }
            var digits = 0;
            while (digits < 6 && i + 1 + digits < value.Length && char.IsAsciiHexDigit(value[i + 1 + digits]))
            {
                digits++;
            }
            if (digits == 0)
            {
                result.Append(value[++i]);
                continue;
            }
            var code = int.Parse(value.AsSpan(i + 1, digits), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
            result.Append(code is > 0 and <= 0x10FFFF and not (>= 0xD800 and <= 0xDFFF) ? char.ConvertFromUtf32(code) : "\uFFFD");
            i += digits;
            if (i + 1 < value.Length && char.IsWhiteSpace(value[i + 1]))
            {
                i++;
            }
        }
        return result.ToString();
    }

    // The parser's model keeps no positions; a problem names the first line where its property or rule appears
    // that has not been named yet, which is the line in every case the tests know.
    private sealed class LineFinder(string text)
    {
        private readonly Dictionary<string, int> _searchFrom = new(StringComparer.OrdinalIgnoreCase);

        // A shorthand's parts are reported by their own names (background-image for background): the shorthand's
        // line is found when the part's name is not in the text.
        public int Of(string name)
        {
            for (var candidate = name; candidate.Length > 0; candidate = candidate.LastIndexOf('-') is > 0 and var dash ? candidate[..dash] : "")
            {
                if (Find(candidate) is > 0 and var line)
                {
                    return line;
                }
            }
            return 0;
        }

        private int Find(string name)
        {
            var from = _searchFrom.GetValueOrDefault(name);
            var at = from < text.Length ? text.IndexOf(name, from, StringComparison.OrdinalIgnoreCase) : -1;
            if (at < 0)
            {
                return 0;
            }
            _searchFrom[name] = at + name.Length;
            return 1 + text.AsSpan(0, at).Count('\n');
        }
    }
}
