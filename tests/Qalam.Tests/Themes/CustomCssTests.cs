using Qalam.Themes;

namespace Qalam.Tests.Themes;

// An owner's own style sheet: read by a CSS parser, refused with the line of each problem, served as the parser wrote it.
public sealed class CustomCssTests
{
    private const string Handle = "mine";

    [Fact]
    public void Ordinary_rules_are_served_as_the_parser_wrote_them_under_a_hash_of_what_is_served()
    {
        var css = ".post-body p { line-height: 2; }\n@media (max-width: 40rem) { h1 { font-size: 1.5rem; } }\n.site-header { background: url(/media/mine/0123456789abcdef0123456789abcdef.png) center / cover; }";
        var filtered = CustomCss.Filter(css, Handle);
        Assert.True(filtered.Accepted, string.Join("; ", filtered.Problems));
        Assert.Contains("line-height: 2", filtered.Served, StringComparison.Ordinal);
        Assert.Contains("@media (max-width: 40rem)", filtered.Served, StringComparison.Ordinal);
        Assert.Contains("url(\"/media/mine/0123456789abcdef0123456789abcdef.png\")", filtered.Served, StringComparison.Ordinal);
        Assert.Equal(16, filtered.Hash!.Length);
        Assert.Equal(filtered.Hash, CustomCss.Filter(css, Handle).Hash);
        Assert.NotEqual(filtered.Hash, CustomCss.Filter(css + " p { color: red; }", Handle).Hash);
        Assert.Equal(("", null), (CustomCss.Filter("  \n ", Handle).Served, CustomCss.Filter(null, Handle).Hash));
    }

    [Theory]
    [InlineData("p { color: red; }\n@import url(\"https://evil.example/x.css\");", CssProblemKind.Import, 2)]
    [InlineData("p {\n  background: url(https://evil.example/track.png);\n}", CssProblemKind.ForeignUrl, 2)]
    [InlineData("p { background: url(//evil.example/a.png); }", CssProblemKind.ForeignUrl, 1)]
    [InlineData("p { background: url(/media/theirs/0123456789abcdef0123456789abcdef.png); }", CssProblemKind.ForeignUrl, 1)]
    [InlineData("p { background: url(/media/mine/../theirs/a.png); }", CssProblemKind.ForeignUrl, 1)]
    [InlineData("p { background: url('javascript:alert(1)'); }", CssProblemKind.Expression, 1)]
    [InlineData("\n\np { --w: expression(alert(1)); }", CssProblemKind.Expression, 3)]
    [InlineData("p { behavior: url(/media/mine/x.htc); }", CssProblemKind.PropertyNotAllowed, 1)]
    [InlineData("p { -moz-binding: url(/media/mine/x.xml#x); }", CssProblemKind.PropertyNotAllowed, 1)]
    [InlineData("p { background: \\75 rl(https://evil.example/a.png); }", CssProblemKind.ForeignUrl, 1)]
    [InlineData("p { --pic: url(https://evil.example/a.png); background: var(--pic); }", CssProblemKind.ForeignUrl, 1)]
    [InlineData("p { background-image: image-set(\"https://evil.example/a.png\" 1x); }", CssProblemKind.ImageFunction, 1)]
    [InlineData("@font-face { font-family: x; src: url(https://evil.example/f.woff2); }", CssProblemKind.RuleNotAllowed, 1)]
    [InlineData("p { color: red; }\n\n.a { } } }", CssProblemKind.Syntax, 3)]
    [InlineData("p { color: red; }\np::after { content: 'open", CssProblemKind.Syntax, 2)]
    public void What_a_blog_style_must_not_do_is_refused_with_its_line(string css, CssProblemKind kind, int line)
    {
        var filtered = CustomCss.Filter(css, Handle);
        Assert.False(filtered.Accepted);
        Assert.Equal(("", null), (filtered.Served, filtered.Hash));
        Assert.Contains(filtered.Problems, p => p.Kind == kind && p.Line == line);
    }

    // A known property whose value the parser cannot read is left out, as a browser would leave it out.
    [Fact]
    public void A_value_the_parser_cannot_read_is_not_served()
    {
        var filtered = CustomCss.Filter("p { width: expression(alert(1)); color: red; }", Handle);
        Assert.True(filtered.Accepted);
        Assert.DoesNotContain("expression", filtered.Served, StringComparison.Ordinal);
        Assert.Contains("color:", filtered.Served, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sheet_over_the_limit_is_refused_as_too_long()
    {
        var filtered = CustomCss.Filter(string.Concat(Enumerable.Repeat("p { color: red; }\n", 4000)), Handle);
        Assert.Equal(CssProblemKind.TooLong, Assert.Single(filtered.Problems).Kind);
    }

    [Fact]
    public void Nothing_served_can_close_a_style_element()
    {
        var filtered = CustomCss.Filter("p::after { content: \"</style><script>alert(1)</script>\"; }", Handle);
        Assert.True(filtered.Accepted);
        Assert.DoesNotContain('<', filtered.Served);
    }

    // Every payload of the shared XSS lists, as a whole sheet, as a value and as a selector: refused, or served
    // without anything that loads from elsewhere or runs script.
    [Fact]
    public void No_payload_of_the_XSS_lists_comes_out_able_to_load_or_run_anything()
    {
        var accepted = 0;
        foreach (var payload in Repo.XssPayloads())
        {
            foreach (var css in new[] { payload, $"p {{ background: {payload}; }}", $"{payload} {{ color: red; }}", $"p::after {{ content: \"{payload}\"; }}" })
            {
                var filtered = CustomCss.Filter(css, Handle);
                if (!filtered.Accepted)
                {
                    continue;
                }
                accepted++;
                AssertHarmless(filtered.Served, css);
            }
        }
        Assert.True(accepted > 0, "some payloads are plain text a sheet may hold, and should have been accepted");
    }

    internal static void AssertHarmless(string served, string typed)
    {
        Assert.DoesNotContain('<', served);
        // Text inside strings (content: "…") loads nothing; what is outside them is what could.
        var outside = string.Concat(served.Split('"').Where((_, i) => i % 2 == 0));
        foreach (var word in new[] { "javascript:", "expression(", "@import", "behavior", "binding", "image-set", "@font-face" })
        {
            Assert.False(outside.Contains(word, StringComparison.OrdinalIgnoreCase), $"{word} served for: {typed}\n{served}");
        }
        // Every url( outside a string names the blog's own media.
        var quote = '\0';
        for (var i = 0; i < served.Length; i++)
        {
            if (quote != '\0')
            {
                quote = served[i] == quote && served[i - 1] != '\\' ? '\0' : quote;
            }
            else if (served[i] is '"' or '\'')
            {
                quote = served[i];
            }
            else if (string.Compare(served, i, "url(", 0, 4, StringComparison.OrdinalIgnoreCase) == 0)
            {
                var rest = served[(i + 4)..].TrimStart().TrimStart('"', '\'');
                Assert.True(rest.StartsWith("/media/mine/", StringComparison.Ordinal), $"a foreign url served for: {typed}\n{served}");
            }
        }
    }
}
