using System.Globalization;
using System.Resources;

namespace Qalam.Localization;

// Interface text in one language, chosen explicitly by the page (the blog's language), never from the ambient
// culture: a Persian blog shows Persian chrome to every reader, around posts in any language.
public sealed class UiText
{
    private static readonly ResourceManager Resources = new("Qalam.Localization.UiStrings", typeof(UiText).Assembly);

    public static readonly UiText Persian = new(Languages.Persian);
    public static readonly UiText English = new(Languages.English);

    private readonly CultureInfo _culture;

    private UiText(string language)
    {
        Language = language;
        _culture = CultureInfo.GetCultureInfo(language);
    }

    public string Language { get; }

    public static UiText For(string language) => language == Languages.Persian ? Persian : English;

    public string this[string key] =>
        Resources.GetString(key, _culture) ?? throw new KeyNotFoundException($"No interface text named '{key}'.");

    public string this[string key, params object[] args] => string.Format(_culture, this[key], args);

    public string Number(long value) => Numerals.Format(value, Language);

    // "No comments yet", "1 comment", "7 comments", "۷ نظر": a zero form when the resources have one,
    // otherwise the language's plural category, with the number in the language's digits.
    public string Counted(string key, long count)
    {
        if (count == 0 && Resources.GetString(key + ".Zero", _culture) is { } zero)
        {
            return zero;
        }
        return this[key + "." + Numerals.PluralCategory(count, Language), Number(count)];
    }
}
