using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qalam.Accounts;
using Qalam.BlogPages;
using Qalam.Blogs;
using Qalam.Comments;
using Qalam.Import;
using Qalam.Posts;
using Qalam.Storage;

namespace Qalam.Tests.Import;

// The real exports in shared/testdata/wordpress: the Theme Unit Test data, the block test data and the WordPress
// importer's own fixtures. Expected counts come from the fixtures' README and a separate count of the XML by a
// Python script (posts and pages not in the trash, comments that are not pingbacks, distinct tag slugs).
[Collection(SharedAppCollection.Name)]
public sealed class WordPressImportTests(SharedApp shared)
{
    private QalamApp App => shared.App;

    private sealed record Counts(int Posts, int Visible, int Comments, int Tags, int Redirects);

    private static string Fixture(string name) =>
        name.StartsWith("persian", StringComparison.Ordinal) ? Repo.Path("tests", "Qalam.Tests", "Import", "Fixtures", name)
        : File.Exists(Repo.SharedTestData("wordpress", name)) ? Repo.SharedTestData("wordpress", name)
        : Repo.SharedTestData("wordpress", "importer-fixtures", name);

    private async Task<ImportReport> ImportAsync(Blog blog, string path)
    {
        using var scope = App.Services.CreateScope();
        await using var stream = File.OpenRead(path);
        return await scope.ServiceProvider.GetRequiredService<WordPressImporter>().ImportAsync(blog.Id, stream, null, CancellationToken.None);
    }

    private async Task<Counts> CountAsync(Blog blog)
    {
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QalamDb>();
        var now = App.Time.GetUtcNow().UtcDateTime;
        return new Counts(
            // Posts and pages: a WordPress item of either type is one of them.
            await db.Posts.CountAsync(p => p.BlogId == blog.Id) + await db.BlogPages.CountAsync(p => p.BlogId == blog.Id),
            await db.Posts.Where(p => p.BlogId == blog.Id).CountAsync(Post.VisibleAt(now)) + await db.BlogPages.CountAsync(p => p.BlogId == blog.Id && p.Published),
            await db.Comments.CountAsync(c => c.BlogId == blog.Id),
            await db.Tags.CountAsync(t => t.BlogId == blog.Id),
            await db.LegacyPaths.CountAsync(l => l.BlogId == blog.Id));
    }

    [Fact]
    public async Task The_Theme_Unit_Test_export_imports_every_post_page_comment_and_tag_it_holds()
    {
        var blog = await App.Seed.BlogAsync("en");

        var report = await ImportAsync(blog, Repo.SharedTestData("wordpress", "themeunittestdata.wordpress.xml"));

        // README: 58 posts (56 publish of which one password-protected, 1 future, 1 draft) and 21 published pages.
        Assert.Equal(58, report.Posts);
        Assert.Equal(21, report.Pages);
        Assert.Equal(55, report.Published);
        Assert.Equal(1, report.Scheduled);
        Assert.Equal(2, report.Drafts);
        Assert.Equal(1, report.PasswordProtected);
        Assert.Equal(["Template: Sticky"], report.Sticky);
        // 33 comments: 4 pingbacks/trackbacks skipped, 5 on pages (which take none) counted, 1 unapproved held, 23 approved.
        Assert.Equal(23, report.CommentsApproved);
        Assert.Equal(1, report.CommentsHeld);
        Assert.Equal(5, report.PageComments);
        Assert.Equal(4, report.Pingbacks);
        Assert.Equal(37, report.Attachments.Count);
        Assert.Equal(new Dictionary<string, int> { ["nav_menu_item"] = 70 }, report.SkippedTypes);
        Assert.Equal(["themedemos", "themereviewteam"], report.UnmatchedAuthors);
        // 68 categories + the "6.1" term + 110 tags, less "Uncategorized", less names that are the same tag in Qalam.
        Assert.Equal(174, report.TagsCreated);
        Assert.Equal(new Counts(79, 76, 24, 174, report.Redirects), await CountAsync(blog));
    }

    [Fact]
    public async Task Threads_keep_their_shape_and_unapproved_comments_stay_out_of_sight()
    {
        var blog = await App.Seed.BlogAsync("en");
        await ImportAsync(blog, Repo.SharedTestData("wordpress", "themeunittestdata.wordpress.xml"));

        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QalamDb>();
        var comments = await db.Comments.AsNoTracking().Where(c => c.BlogId == blog.Id).ToListAsync();
        var byId = comments.ToDictionary(c => c.Id);
        var deepest = comments.Single(c => c.Body.StartsWith("Comment Depth 10", StringComparison.Ordinal));
        var depth = 1;
        for (var c = deepest; c.ParentId is { } parent; c = byId[parent])
        {
            depth++;
        }
        Assert.Equal(10, depth);
        // One more reply is on "Page with comments", which as a page takes no comments.
        Assert.Equal(9, comments.Count(c => c.ParentId is not null));

        var post = await db.Posts.AsNoTracking().SingleAsync(p => p.BlogId == blog.Id && p.Title == "Template: Comments");
        var page = await App.Reader().GetPageAsync(("/" + blog.Handle + PostPaths.Of(post.Slug)));
        var shown = page.QuerySelectorAll(".comment-body").Select(b => b.TextContent).ToList();
        Assert.Equal(comments.Count(c => c.PostId == post.Id && c.Status == CommentStatus.Approved), shown.Count);
        foreach (var held in comments.Where(c => c.PostId == post.Id && c.Status == CommentStatus.Pending))
        {
            Assert.DoesNotContain(held.Body, shown);
        }
    }

    [Fact]
    public async Task The_block_test_data_imports_its_posts_and_decodes_titles_escaped_inside_CDATA()
    {
        var blog = await App.Seed.BlogAsync("en");

        var report = await ImportAsync(blog, Repo.SharedTestData("wordpress", "64-block-test-data.xml"));

        Assert.Equal((61, 1, 2), (report.Posts, report.Pages, report.CommentsCreated));
        Assert.Equal(new Dictionary<string, int> { ["wp_navigation"] = 1 }, report.SkippedTypes);
        Assert.Equal(9, report.Attachments.Count);
        Assert.Equal(new Counts(62, 62, 2, 10, report.Redirects), await CountAsync(blog));
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QalamDb>();
        Assert.True(await db.Posts.AnyAsync(p => p.BlogId == blog.Id && p.Title == "Media & Text"));
        Assert.False(await db.Posts.AnyAsync(p => p.BlogId == blog.Id && p.BodyHtml.Contains("<!-- wp:")));
    }

    [Theory]
    [InlineData("theme-preview.xml", 7, 2, 8)]
    [InlineData("authors-multiline.xml", 1, 0, 0)]
    [InlineData("backslashes.xml", 1, 0, 0)]
    [InlineData("blank-lines.xml", 1, 0, 0)]
    [InlineData("cdata-edge.xml", 1, 0, 0)]
    [InlineData("chunked-meta.xml", 1, 0, 0)]
    [InlineData("crazy-cdata-escaped.xml", 1, 0, 0)]
    [InlineData("large-authors.xml", 0, 0, 0)]
    [InlineData("missing-tags.xml", 1, 0, 0)]
    [InlineData("multiple-cdata.xml", 1, 0, 0)]
    [InlineData("namespace-edge-cases.xml", 5, 0, 2)]
    [InlineData("post-content-blank-lines.xml", 1, 0, 0)]
    [InlineData("slashes.xml", 1, 1, 2)]
    [InlineData("small-export.xml", 11, 1, 31)]
    [InlineData("term-formats.xml", 0, 0, 5)]
    [InlineData("term-meta.xml", 0, 0, 1)]
    [InlineData("test-serialized-comment-meta.xml", 1, 1, 0)]
    [InlineData("test-serialized-postmeta-no-cdata.xml", 1, 0, 0)]
    [InlineData("test-serialized-postmeta-with-cdata.xml", 1, 0, 0)]
    [InlineData("test-serialized-term-meta.xml", 1, 0, 2)]
    [InlineData("test-utw-post-meta-import.xml", 1, 0, 0)]
    [InlineData("valid-wxr-1.0.xml", 6, 1, 8)]
    [InlineData("valid-wxr-1.1.xml", 2, 1, 2)]
    [InlineData("wxr-flat-attachment-different-site.xml", 1, 0, 0)]
    [InlineData("wxr-flat-attachment-same-site.xml", 1, 0, 0)]
    [InlineData("wxr-simple.xml", 1, 0, 0)]
    // Its one category is "Uncategorized" in stacked combining marks; folded, it is WordPress's default and skipped.
    [InlineData("wxr-utf-8-challenges.xml", 1, 0, 0)]
    [InlineData("wxr-with-sub-data.xml", 1, 1, 1)]
    public async Task Each_valid_fixture_imports_with_exact_counts(string file, int posts, int comments, int tags)
    {
        var blog = await App.Seed.BlogAsync("en");

        var report = await ImportAsync(blog, Fixture(file));

        Assert.Equal((posts, comments, tags), (report.PostsCreated, report.CommentsCreated, report.TagsCreated));
        var counts = await CountAsync(blog);
        Assert.Equal((posts, comments, tags), (counts.Posts, counts.Comments, counts.Tags));
    }

    [Fact]
    public async Task An_import_that_would_pass_the_blogs_post_quota_is_refused_whole()
    {
        var blog = await App.Seed.BlogAsync("en");
        await App.Seed.PostAsync(blog, "Already here");
        await App.Seed.UpdateBlogAsync(blog, b => b.PostQuota = 20);
        var before = await CountAsync(blog);

        var error = await Assert.ThrowsAsync<ImportException>(() => ImportAsync(blog, Repo.SharedTestData("wordpress", "themeunittestdata.wordpress.xml")));

        Assert.Equal("This import would give the blog 59 posts; its quota is 20. Nothing was imported.", error.Message);
        Assert.Equal(before, await CountAsync(blog));
    }

    [Theory]
    [InlineData("crazy-cdata.xml", "not well-formed XML")]
    [InlineData("malformed-simple.xml", "not well-formed XML")]
    [InlineData("malformed.xml", "does not match the end tag")]
    [InlineData("invalid-version-tag.xml", "WXR version 'abc'")]
    [InlineData("missing-version-tag.xml", "no <wp:wxr_version>")]
    [InlineData("truncated", "not well-formed XML")]
    public async Task A_broken_file_fails_with_one_clear_line_and_leaves_the_blog_as_it_was(string file, string message)
    {
        var blog = await App.Seed.BlogAsync("en");
        await App.Seed.PostAsync(blog, "Already here", tags: ["kept"]);
        var before = await CountAsync(blog);
        var path = Fixture(file);
        if (file == "truncated")
        {
            // Half of the Theme Unit Test file: dozens of posts are read and saved before the XML breaks off.
            var bytes = await File.ReadAllBytesAsync(Repo.SharedTestData("wordpress", "themeunittestdata.wordpress.xml"));
            path = Path.Combine(Path.GetTempPath(), $"qalam-truncated-{Guid.NewGuid():N}.xml");
            await File.WriteAllBytesAsync(path, bytes[..(bytes.Length / 2)]);
        }

        var error = await Assert.ThrowsAsync<WxrException>(async () =>
        {
            try
            {
                await ImportAsync(blog, path);
            }
            finally
            {
                if (file == "truncated")
                {
                    File.Delete(path);
                }
            }
        });

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Equal(before, await CountAsync(blog));
        using var scope = App.Services.CreateScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<QalamDb>().ImportedItems.AnyAsync(i => i.BlogId == blog.Id));
    }

    [Fact]
    public async Task Importing_the_same_export_again_adds_nothing()
    {
        var blog = await App.Seed.BlogAsync("en");
        var file = Repo.SharedTestData("wordpress", "themeunittestdata.wordpress.xml");
        await ImportAsync(blog, file);
        var before = await CountAsync(blog);

        var again = await ImportAsync(blog, file);

        Assert.Equal((0, 0, 0), (again.PostsCreated, again.CommentsCreated, again.TagsCreated));
        Assert.Equal((79, 24), (again.AlreadyImported, again.CommentsAlreadyImported));
        Assert.Equal(before, await CountAsync(blog));
    }

    [Fact]
    public async Task A_Persian_export_keeps_its_slugs_threads_and_old_addresses_and_runs_no_script()
    {
        var blog = await App.Seed.BlogAsync("fa");
        var maryam = await App.Seed.UserAsync(email: $"maryam{Guid.NewGuid():N}@example.ir");
        await App.Seed.GrantAsync(blog, maryam, BlogRole.Author);
        var fixture = await File.ReadAllTextAsync(Fixture("persian.xml"));
        var path = Path.Combine(Path.GetTempPath(), $"qalam-persian-{Guid.NewGuid():N}.xml");
        await File.WriteAllTextAsync(path, fixture.Replace("maryam@example.ir", maryam.Email, StringComparison.Ordinal));

        Qalam.Import.ImportReport report;
        try
        {
            report = await ImportAsync(blog, path);
        }
        finally
        {
            File.Delete(path);
        }

        Assert.Equal((1, 1, 1, 1), (report.Posts + report.Pages - 1, report.Private, report.Trashed, report.CommentsTrashed));
        Assert.Equal((3, 1, 0), (report.CommentsApproved, report.CommentsSpam, report.RepliesWithoutParent));
        Assert.Equal(2, report.TagsCreated);
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QalamDb>();
        var post = await db.Posts.AsNoTracking().Include(p => p.Tags).SingleAsync(p => p.BlogId == blog.Id && p.Title == "سلام دنیا");
        Assert.Equal(("سلام-دنیا", "fa", maryam.Id), (post.Slug, post.Language, post.AuthorId));
        Assert.Equal(new DateTime(2021, 1, 6, 8, 30, 0, DateTimeKind.Utc), post.PublishedAt);
        Assert.Equal(["حافظ", "ادبیات"], post.Tags.Select(t => t.Name).Order().Reverse());
        Assert.Contains("<pre tabindex=\"0\">line one\n\nline three after a blank line</pre>", post.BodyHtml, StringComparison.Ordinal);
        Assert.Contains("<br>", post.BodyHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", post.BodyHtml, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror", post.BodyHtml, StringComparison.OrdinalIgnoreCase);

        var comments = await db.Comments.AsNoTracking().Where(c => c.PostId == post.Id).ToListAsync();
        var ali = comments.Single(c => c.AuthorName == "علی");
        var reply = comments.Single(c => c.AuthorName == "مریم");
        var late = comments.Single(c => c.AuthorName == "سارا");
        Assert.Equal((ali.Id, reply.Id), (reply.ParentId, late.ParentId));
        Assert.Null(ali.AuthorWebsite);
        Assert.Equal("چه خوب.\n\nبند دوم", ali.Body);
        Assert.Equal(("ناشناس", CommentStatus.Spam), comments.Single(c => c.Status == CommentStatus.Spam) is var spam ? (spam.AuthorName, spam.Status) : default);
        var hidden = await db.Posts.AsNoTracking().SingleAsync(p => p.BlogId == blog.Id && p.Title == "یادداشت خصوصی");
        Assert.Equal((PostStatus.Draft, (string?)null), (hidden.Status, hidden.AuthorId));

        var reader = App.Reader();
        var here = ("/" + blog.Handle + PostPaths.Of(post.Slug));
        foreach (var old in new[] { $"/{blog.Handle}/1399/10/17/%d8%b3%d9%84%d8%a7%d9%85-%d8%af%d9%86%db%8c%d8%a7/", $"/{blog.Handle}/?p=10", $"/{blog.Handle}?p=10&utm_source=x" })
        {
            using var moved = await reader.GetAsync(old);
            Assert.Equal(HttpStatusCode.MovedPermanently, moved.StatusCode);
            Assert.Equal(here, moved.Headers.Location?.OriginalString);
        }
        using (var draft = await reader.GetAsync($"/{blog.Handle}/?p=11"))
        {
            Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
        }
        using (var missing = await reader.GetAsync($"/{blog.Handle}/2020/01/01/nothing/"))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }
        var page = await reader.GetPageAsync(here);
        Assert.Equal("fa", page.QuerySelector("article[lang]")?.GetAttribute("lang") ?? page.DocumentElement.GetAttribute("lang"));
        Assert.Equal(3, page.QuerySelectorAll(".comment-body").Length);
    }
}
