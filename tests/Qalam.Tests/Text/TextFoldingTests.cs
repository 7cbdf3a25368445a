using Qalam.Posts;
using Qalam.Text;

namespace Qalam.Tests.Text;

public sealed class TextFoldingTests
{
    [Theory]
    [InlineData("كتاب‌هاي", "کتابهای")]
    [InlineData("کتابها", "کتابهای", false)]
    [InlineData("Hâfez", "hafez")]
    [InlineData("Khayyām", "khayyam")]
    [InlineData("مُحَمَّد", "محمد")]
    [InlineData("۱۳۹۹", "1399")]
    [InlineData("\u200Fسلام\u200E", "سلام")]
    [InlineData("کتـــاب", "کتاب")]
    public void Spelling_variants_fold_to_one_form(string variant, string folded, bool equal = true)
    {
        Assert.Equal(equal, string.Join(' ', TextFolding.Words(variant)) == folded);
    }

    [Theory]
    [InlineData("Reading Hafez in English!", "reading-hafez-in-english")]
    [InlineData("فال حافظ در شب یلدا", "فال-حافظ-در-شب-یلدا")]
    [InlineData("  ***  ", "")]
    public void Slugs_keep_letters_of_any_script(string title, string slug)
    {
        Assert.Equal(slug, Slugs.From(title));
    }

    // Each family: romanized spellings and the Persian spelling share one key; different names do not.
    [Theory]
    [InlineData("Hafez", "Hafiz", "Hâfez", "حافظ")]
    [InlineData("Khayyam", "Khayyām", "Khayam", "خیام")]
    [InlineData("Ferdowsi", "Firdausi", "Firdowsi", "فردوسی")]
    [InlineData("Nishapur", "Neyshabur", "Nishabur", "نیشابور")]
    [InlineData("Persepolis", "Perspolis", "Persépolis", "پرسپولیس")]
    [InlineData("Esteghlal", "Esteqlal", "Istiqlal", "استقلال")]
    [InlineData("Shahnameh", "Shahnama", "Shahname", "شاهنامه")]
    [InlineData("Tochal", "Touchal", "Tuchal", "توچال")]
    [InlineData("Ghormeh", "Ghorme", "Qormeh", "قورمه")]
    [InlineData("Konya", "Konia", "Koniya", "قونیه")]
    [InlineData("Turkey", "Türkiye", "Turkiye", "ترکیه")]
    [InlineData("Iraq", "Irak", "Eraq", "عراق")]
    public void A_name_and_its_spellings_across_scripts_share_one_phonetic_key(string a, string b, string c, string persian)
    {
        var keys = new[] { a, b, c, persian }.Select(w => TextFolding.PhoneticKey(TextFolding.Words(w).Single())).ToList();

        Assert.All(keys, k => Assert.Equal(keys[0], k));
        Assert.NotNull(keys[0]);
    }

    [Theory]
    [InlineData("Hafez", "Ferdowsi")]
    [InlineData("حافظ", "خیام")]
    [InlineData("Rostam", "Sohrab")]
    public void Different_names_have_different_keys(string a, string b)
    {
        Assert.NotEqual(TextFolding.PhoneticKey(TextFolding.Words(a).Single()), TextFolding.PhoneticKey(TextFolding.Words(b).Single()));
    }

    [Theory]
    [InlineData("poems", "poem")]
    [InlineData("translations", "translat")]
    [InlineData("کتاب‌ها", "کتاب")]
    [InlineData("کتابهای", "کتاب")]
    [InlineData("انتها", "انتها")]
    public void Words_are_reduced_to_stems_for_ranking(string word, string stem)
    {
        Assert.Equal(stem, TextFolding.Stems(word).Single());
    }
}
