using Qalam.Similar;
using Qalam.Text;

namespace Qalam.Tests.Similar;

[Collection(SharedAppCollection.Name)]
public sealed class WritingStyleTests(SharedApp shared)
{
    private readonly QalamApp _app = shared.App;

    // Sentences made only of function words around the given nouns: the nouns are what a post is about, the rest is
    // how it is written.
    private static string Story(IEnumerable<string> nouns) => string.Join(" ", nouns.Select(n => $"She was at the {n} with her, and they were there too."));

    private static string Guide(IEnumerable<string> nouns) => string.Join(" ", nouns.Select(n => $"You can do this {n} if it is up; it will be one more."));

    private static readonly string[] Harbour = ["harbour", "lighthouse", "boat", "net", "pier", "gull", "tide", "rope", "sail", "anchor"];

    private static WritingStyle StyleOf(string text) => WritingStyle.Of([.. TextFolding.Words(text)]);

    // What readers of a bilingual blog would otherwise notice: without this rule every post in the other language
    // sank in the lists (0.485 to 0.355 on the Persian/English set, docs/relevance.md).
    [Fact]
    public void Styles_count_only_within_one_language_and_a_short_post_counts_less()
    {
        var story = StyleOf(Story(Harbour.Take(5)));
        var otherStory = StyleOf(Story(Harbour.Skip(5)));
        var guide = StyleOf(Guide(Harbour));
        var persian = StyleOf("او در بندر بود و با دوستانش به دریا نگاه می‌کرد که قایق‌ها برمی‌گشتند.");
        var typical = new TypicalStyles([("en", story), ("en", otherStory), ("en", guide), ("fa", persian)]);

        Assert.True(typical.Bonus("en", story, "en", otherStory) > 0);
        Assert.True(typical.Bonus("en", story, "en", guide) < 0);
        // Persian and English share no function words: their styles say nothing about each other, for or against.
        Assert.Equal(0, typical.Bonus("en", story, "fa", persian));
        // The same two styles from texts twenty times as long weigh more.
        var longStory = StyleOf(string.Concat(Enumerable.Repeat(Story(Harbour.Take(5)) + " ", 20)));
        var longOther = StyleOf(string.Concat(Enumerable.Repeat(Story(Harbour.Skip(5)) + " ", 20)));
        Assert.True(typical.Bonus("en", longStory, "en", longOther) > 2 * typical.Bonus("en", story, "en", otherStory));
    }

    [Fact]
    public async Task Among_posts_on_the_same_subject_the_one_written_the_same_way_comes_first()
    {
        var blog = await _app.Seed.BlogAsync("en");
        var post = await _app.Seed.PostAsync(blog, "At the harbour", Story(Harbour));
        // The same nouns in both, so the same terms: only the writing differs. The guide is newer, which would put
        // it first on equal scores.
        await _app.Seed.PostAsync(blog, "With her at the harbour", Story(Harbour.Reverse()));
        await _app.Seed.PostAsync(blog, "Your harbour", Guide(Harbour.Reverse()));
        await _app.Seed.PostAsync(blog, "Coffee", Guide(["coffee", "pot", "cup"]));
        await _app.Seed.RebuildSimilarAsync(blog);

        var titles = (await _app.Reader().GetPageAsync(Seed.PathOf(blog, post))).QuerySelectorAll(".similar li a").Select(a => a.Text()).ToList();

        Assert.Equal(["With her at the harbour", "Your harbour"], titles);
    }
}
