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
}
