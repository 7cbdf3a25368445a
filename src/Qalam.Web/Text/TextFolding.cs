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
    public static IEnumerable<string> ContentWords(string text) => Words(text).Where(IsContentWord);

    private static bool IsContentWord(string word) => word.Length > 1 && !StopWords.Contains(word);

    // The stop words (English and Persian, folded): left out of what a text is about, they are what similar posts
    // compare to tell how it is written (Similar/WritingStyle).
    public static IReadOnlyCollection<string> FunctionWords => StopWords;

    // Content words reduced to a stem, for ranking: English by the Snowball (Porter2) stemmer from Lucene.NET's
    // analysis library ("poems", "poetic" → "poem", "poetic"), Persian by removing the plural suffix ها (کتاب‌ها →
    // کتاب), which Lucene's Persian analysis does not do.
    public static IEnumerable<string> Stems(string text) => Stems(Words(text));

    // The same, for words already split and folded by Words.
    public static IEnumerable<string> Stems(IEnumerable<string> words)
    {
        var english = new Lucene.Net.Tartarus.Snowball.Ext.EnglishStemmer();
        foreach (var word in words.Where(IsContentWord))
        {
            if (word[0] is >= 'a' and <= 'z')
            {
                english.SetCurrent(word);
                english.Stem();
                yield return english.Current;
            }
            else
            {
                yield return PersianStem(word);
            }
        }
    }

    private static string PersianStem(string word)
    {
        if (NotPlurals.Contains(word))
        {
            return word;
        }
        foreach (var suffix in PluralSuffixes)
        {
            if (word.Length - suffix.Length >= 2 && word.EndsWith(suffix, StringComparison.Ordinal))
            {
                return word[..^suffix.Length];
            }
        }
        return word;
    }

    private static readonly string[] PluralSuffixes = ["هایی", "های", "ها"];

    // The phonetic keys of the words that may be names: in Latin script only capitalized words (so English prose
    // does not fill up with keys of ordinary words), in Persian script, which has no capitals, every content word.
    public static IEnumerable<string> NameKeys(string text) => NameKeys(text, persianWords: true);

    // persianWords false: the keys of capitalized Latin words only.
    public static IEnumerable<string> NameKeys(string text, bool persianWords)
    {
        foreach (System.Text.RegularExpressions.Match match in System.Text.RegularExpressions.Regex.Matches(text, @"[\p{L}\p{Mn}\u200C]+"))
        {
            var raw = match.Value;
            var latin = raw[0] < 'ʰ';
            if (latin ? !char.IsUpper(raw[0]) : !persianWords)
            {
                continue;
            }
            foreach (var word in ContentWords(raw))
            {
                if (PhoneticKey(word) is { } key)
                {
                    yield return key;
                }
            }
        }
    }

    // A consonant skeleton that a Persian word and its romanized spellings share, so that names meet across
    // spellings and scripts: Hafez, Hafiz, Hâfez and حافظ are all "hfz"; Ferdowsi, Firdausi and فردوسی "frds";
    // Khayyam, Khayām and خیام "xm". Persian writes few vowels, so vowels (and the letters that double as vowels:
    // و, ی, w, v, y) are left out on both sides; Latin digraphs become the one letter they stand for (kh → x,
    // gh → k, sh → S, ch → c, zh → j), letters Persian pronounces alike meet (ث س ص → s; ذ ز ض ظ → z; ت ط → t;
    // ح ه → h; غ ق and Latin q, gh, k, c → k, as ق is written q, gh or k: Qom, Ghom, Konya / قونیه; p and b, as پ is
    // often written ب), a final ه is silent after a consonant or ی (Shahnameh / شاهنامه, Konya / قونیه, Turkiye /
    // ترکیه), and doubled letters count once.
    // Null when the word is too short to say anything.
    public static string? PhoneticKey(string word)
    {
        if (word.Length < 4)
        {
            return null;
        }
        var key = new StringBuilder(word.Length);
        var latin = word[0] is >= 'a' and <= 'z';
        for (var i = 0; i < word.Length; i++)
        {
            var c = word[i];
            var next = i + 1 < word.Length ? word[i + 1] : '\0';
            char sound;
            if (latin)
            {
                (sound, var digraph) = (c, next) switch
                {
                    ('k', 'h') => ('x', true),
                    ('g', 'h') => ('k', true),
                    ('s', 'h') => ('S', true),
                    ('c', 'h') => ('c', true),
                    ('z', 'h') => ('j', true),
                    ('t', 'h') => ('s', true),
                    ('d', 'h') => ('z', true),
                    ('p', 'h') => ('f', true),
                    ('a' or 'e' or 'i' or 'o' or 'u' or 'w' or 'v' or 'y', _) => ('\0', false),
                    ('p', _) => ('b', false),
                    ('c' or 'q', _) => ('k', false),
                    ( >= 'a' and <= 'z', _) => (c, false),
                    _ => ('\0', false),
                };
                if (digraph)
                {
                    i++;
                }
            }
            else
            {
                sound = c switch
                {
                    'ب' or 'پ' => 'b',
                    'ت' or 'ط' => 't',
                    'ث' or 'س' or 'ص' => 's',
                    'ج' or 'ژ' => 'j',
                    'چ' => 'c',
                    'ح' or 'ه' => 'h',
                    'خ' => 'x',
                    'د' => 'd',
                    'ذ' or 'ز' or 'ض' or 'ظ' => 'z',
                    'ر' => 'r',
                    'ش' => 'S',
                    'غ' or 'ق' => 'k',
                    'ف' => 'f',
                    'ک' => 'k',
                    'گ' => 'g',
                    'ل' => 'l',
                    'م' => 'm',
                    'ن' => 'n',
                    _ => '\0',
                };
            }
            // A final "eh" (Latin) or ه after a consonant or ی (Persian) is the silent e of Shahnameh / شاهنامه and of
            // the -ya / -iye of Konya / قونیه; after ا, و and آ it is spoken (راه, کوه).
            if (sound == 'h' && i == word.Length - 1 && (latin ? i > 0 && word[i - 1] == 'e' : i > 0 && word[i - 1] is not ('ا' or 'و' or 'آ')))
            {
                sound = '\0';
            }
            if (sound != '\0' && (key.Length == 0 || key[^1] != sound))
            {
                key.Append(sound);
            }
        }
        return key.Length >= 2 ? key.ToString() : null;
    }

    // Words that end in ها without being plurals.
    private static readonly HashSet<string> NotPlurals = new(StringComparer.Ordinal) { "تنها", "رها", "بها", "انتها", "ابتدا" };

    private static readonly HashSet<string> StopWords = new HashSet<string>(StringComparer.Ordinal)
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
    }.Concat(LucenePersianStopWords()).ToHashSet(StringComparer.Ordinal);

    // The Persian stop list that ships with Lucene.NET's Persian analyzer, folded the way our words are.
    private static IEnumerable<string> LucenePersianStopWords() =>
        Lucene.Net.Analysis.Fa.PersianAnalyzer.DefaultStopSet.Select(Fold);
}
