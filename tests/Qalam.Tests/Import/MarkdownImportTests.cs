using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qalam.Blogs;
using Qalam.Import;
using Qalam.Posts;
using Qalam.Storage;

namespace Qalam.Tests.Import;

// Fixtures/markdown-site holds what Jekyll (_posts, _drafts, YAML, redirect_from) and Hugo (page bundles, TOML
// front matter, aliases, _index.md) write, plus plain notes without front matter.
[Collection(SharedAppCollection.Name)]
public sealed class MarkdownImportTests(SharedApp shared)
{
    private QalamApp App => shared.App;

    private static DirectoryInfo Fixture(string name) => new(Repo.Path("tests", "Qalam.Tests", "Import", "Fixtures", name));

    private async Task<ImportReport> ImportAsync(Blog blog, DirectoryInfo folder)
    {
        using var scope = App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<MarkdownFolderImporter>().ImportAsync(blog.Id, folder, null, CancellationToken.None);
    }

    private async Task<List<Post>> PostsAsync(Blog blog)
    {
        using var scope = App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<QalamDb>().Posts.AsNoTracking().Include(p => p.Tags)
            .Where(p => p.BlogId == blog.Id).OrderBy(p => p.Slug).ToListAsync();
    }

    [Fact]
    public async Task A_Jekyll_and_Hugo_folder_imports_one_post_per_file_with_its_front_matter()
    {
        var blog = await App.Seed.BlogAsync("fa");

        var report = await ImportAsync(blog, Fixture("markdown-site"));

        Assert.Equal((7, 4, 1, 2), (report.Posts, report.Published, report.Scheduled, report.Drafts));
        Assert.Equal(1, report.WithoutFrontMatter);
        Assert.Equal(new Dictionary<string, int> { ["README.md without front matter"] = 1, ["_index.md (Hugo section page)"] = 1 }, report.SkippedTypes);
        Assert.Equal(5, report.TagsCreated);
        var posts = (await PostsAsync(blog)).ToDictionary(p => p.Slug);
        // Slugs come from file names, as the old site's addresses did (folder names for Hugo page bundles).
        Assert.Equal(["custom-slug", "future", "hafez", "half-done", "plain", "salam-donya", "unpublished"], posts.Keys.Order(StringComparer.Ordinal));

        var salam = posts["salam-donya"];
        Assert.Equal(("سلام دنیا", "fa", new DateTime(2021, 1, 6, 0, 0, 0, DateTimeKind.Utc)), (salam.Title, salam.Language, salam.PublishedAt));
        Assert.Equal(["ادبیات", "حافظ", "شعر"], salam.Tags.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.Contains("<blockquote>", salam.BodyHtml, StringComparison.Ordinal);
        var hafez = posts["hafez"];
        Assert.Equal(("Hafez and Hafiz", new DateTime(2023, 5, 1, 6, 30, 0, DateTimeKind.Utc)), (hafez.Title, hafez.PublishedAt));
        Assert.Equal(["Hafez", "poetry"], hafez.Tags.Select(t => t.Name).Order(StringComparer.Ordinal));
        var english = posts["custom-slug"];
        Assert.Equal(("en", new DateTime(2021, 1, 6, 8, 30, 0, DateTimeKind.Utc)), (english.Language, english.PublishedAt));
        Assert.Equal("A heading", posts["plain"].Title);
        Assert.Equal(PostStatus.Draft, posts["half-done"].Status);
        Assert.Equal(PostStatus.Draft, posts["unpublished"].Status);
        Assert.Equal(EffectivePostStatus.Scheduled, posts["future"].EffectiveStatus(App.Time.GetUtcNow().UtcDateTime));

        var reader = App.Reader();
        foreach (var (old, post) in new[] { ("/old/salam/", salam), ("/2023/05/hafez/", hafez) })
        {
            using var moved = await reader.GetAsync($"/{blog.Handle}{old}");
            Assert.Equal(HttpStatusCode.MovedPermanently, moved.StatusCode);
            Assert.Equal(("/" + blog.Handle + PostPaths.Of(post.Slug)), moved.Headers.Location?.OriginalString);
        }
    }

    [Fact]
    public async Task Importing_the_same_folder_again_adds_nothing()
    {
        var blog = await App.Seed.BlogAsync("en");
        await ImportAsync(blog, Fixture("markdown-site"));

        var again = await ImportAsync(blog, Fixture("markdown-site"));

        Assert.Equal((0, 7, 0), (again.Posts, again.AlreadyImported, again.TagsCreated));
        Assert.Equal(7, (await PostsAsync(blog)).Count);
    }

    [Fact]
    public async Task A_file_with_broken_front_matter_names_itself_and_nothing_is_imported()
    {
        var blog = await App.Seed.BlogAsync("en");

        var error = await Assert.ThrowsAsync<ImportException>(() => ImportAsync(blog, Fixture("markdown-broken")));

        Assert.StartsWith("2020-01-02-bad.md: its YAML front matter is not valid (line ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Empty(await PostsAsync(blog));
    }
}
