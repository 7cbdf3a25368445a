using System.Globalization;

namespace Qalam.Localization;

public static class Numerals
{
    // Numbers on a Persian page use Persian digits and the Arabic thousands separator: ۱٬۲۳۴.
    public static string Format(long value, string language)
    {
        var latin = value.ToString("#,0", CultureInfo.InvariantCulture);
        return language == Languages.Persian ? ToPersianDigits(latin).Replace(',', '٬') : latin;
    }

    public static string ToPersianDigits(string text) =>
        string.Create(text.Length, text, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = c is >= '0' and <= '9' ? (char)('۰' + (c - '0')) : c;
            }
        });

    // What a person typed, with Persian (۰–۹) and Arabic-Indic (٠–٩) digits read as 0–9.
    public static string ToLatinDigits(string text) =>
        string.Create(text.Length, text, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = c switch
                {
                    >= '۰' and <= '۹' => (char)('0' + (c - '۰')),
                    >= '٠' and <= '٩' => (char)('0' + (c - '٠')),
                    _ => c,
                };
            }
        });

    // CLDR plural categories for the languages we ship: English "one" is exactly 1; Persian "one" is 0 or 1,
    // though Persian text is the same for both forms after a number.
    public static string PluralCategory(long value, string language) => language switch
    {
        Languages.Persian => value is 0 or 1 ? "One" : "Other",
        _ => value == 1 ? "One" : "Other",
    };
}
