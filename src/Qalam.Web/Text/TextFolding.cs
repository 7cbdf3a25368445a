using System.Globalization;
using System.Text;

namespace Qalam.Text;

// The one place where text is reduced to a comparable form, so that Persian typed with Arabic letter forms,
// with or without the zero-width non-joiner, or with diacritics, meets its plain spelling (and Hâfez meets Hafez).
public static class TextFolding
{
    private const char ZeroWidthNonJoiner = '\u200C';

    public static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark)
            {
                continue;
            }
            if (c == ZeroWidthNonJoiner)
            {
                // کتاب‌ها and کتابها are the same word typed two ways.
                continue;
            }
            if (category == UnicodeCategory.Format)
            {
                // Bidi controls, zero-width joiners and other invisible characters carry no meaning for matching.
                continue;
            }
            builder.Append(FoldChar(c));
        }
        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    private static char FoldChar(char c) => c switch
    {
        'ي' or 'ى' or 'ې' => 'ی',
        'ك' => 'ک',
        'ة' => 'ه',
        'ـ' => '\0',
        >= '٠' and <= '٩' => (char)('0' + (c - '٠')),
        >= '۰' and <= '۹' => (char)('0' + (c - '۰')),
        _ => char.ToLowerInvariant(c),
    };

    public static IEnumerable<string> Words(string text)
    {
        var folded = Fold(text);
        var start = -1;
        for (var i = 0; i <= folded.Length; i++)
        {
            var isWordChar = i < folded.Length && (char.IsLetterOrDigit(folded[i]) || folded[i] == '\0');
            if (isWordChar && start < 0)
            {
                start = i;
            }
            else if (!isWordChar && start >= 0)
            {
                var word = folded[start..i].Replace("\0", "", StringComparison.Ordinal);
                if (word.Length > 0)
                {
                    yield return word;
                }
                start = -1;
            }
        }
    }

    // Words worth comparing: no stop words, nothing shorter than two letters.
    public static IEnumerable<string> ContentWords(string text) =>
        Words(text).Where(w => w.Length > 1 && !StopWords.Contains(w));

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        // English
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "has", "have", "he", "her", "his",
        "i", "in", "is", "it", "its", "of", "on", "or", "she", "that", "the", "their", "them", "there", "they",
        "this", "to", "was", "we", "were", "what", "when", "which", "who", "will", "with", "you", "your", "not",
        "all", "can", "do", "does", "if", "into", "more", "no", "one", "our", "so", "than", "then", "these",
        "those", "too", "very", "would", "about", "after", "before", "been", "being", "my", "me", "out", "up",
        // Persian, already folded (ی and ک, no ZWNJ)
        "و", "در", "به", "از", "که", "این", "آن", "را", "با", "است", "برای", "تا", "یک", "هم", "می", "هر",
        "بر", "یا", "اما", "نیز", "شد", "شده", "بود", "باشد", "کرد", "کند", "کنند", "دارد", "داشت", "خود",
        "ما", "من", "تو", "او", "ایشان", "آنها", "اینها", "همه", "چه", "چون", "اگر", "نه", "هست", "بی",
        "پس", "ولی", "چند", "دیگر", "کرده", "شود", "میشود", "است", "هستند", "بودند", "خواهد", "اند", "ای",
    };
}
