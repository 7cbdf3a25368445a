using System.Text;

namespace Qalam.Text;

// The one input rule for text: what a stranger sends may hold any character a document can (tab, line breaks, every
// script), but not the C0 control characters, U+FFFE and U+FFFF or halves of surrogate pairs. XML cannot carry them,
// so one of them in a title or comment broke every feed that held it, and PostgreSQL refuses U+0000 outright. They
// are removed where text enters (form and route values, JSON bodies, imports) and again where XML is written, for
// rows stored before the rule.
public static class InputText
{
    public static bool IsAllowed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (!Allowed(text, ref i))
            {
                return false;
            }
        }
        return true;
    }

    public static string Clean(string text)
    {
        if (IsAllowed(text))
        {
            return text;
        }
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var start = i;
            if (Allowed(text, ref i))
            {
                builder.Append(text, start, i - start + 1);
            }
        }
        return builder.ToString();
    }

    public static string? CleanOrNull(string? text) => text is null ? null : Clean(text);

    // Moves i past the second half of a valid surrogate pair.
    private static bool Allowed(string text, ref int i)
    {
        var c = text[i];
        if (c < '\u0020')
        {
            return c is '\t' or '\n' or '\r';
        }
        if (char.IsHighSurrogate(c))
        {
            if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                return true;
            }
            return false;
        }
        return !char.IsLowSurrogate(c) && c is not ('\uFFFE' or '\uFFFF');
    }
}
