using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qalam.Accounts;
using Qalam.Posts;
using Qalam.Storage;

namespace Qalam.Tests.Posts;

// Every save that changes a post's text keeps a revision; any two are compared word by word and any one restored as a
// new save; the editor's autosave reaches the server without changing what readers see.
[Collection(SharedAppCollection.Name)]
public sealed class RevisionsTests(SharedApp shared)
{
    private static readonly string[] Poetry = ["شعر"];

    private QalamApp App => shared.App;

    [Fact]
    public async Task Every_changed_save_keeps_a_revision_and_restoring_one_is_a_new_save()
    {
        var (blog, owner, client) = await App.BlogWithPersonAsync("fa");
        var api = App.Reader().WithToken(await App.Seed.TokenAsync(owner));
        var created = await (await api.PostJsonAsync($"/api/v1/blogs/{blog.Handle}/posts",
            new { title = "غزل", body = "نخستین متن دربارهٔ Hafez.", status = "published" })).JsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();
        await api.PutJsonAsync($"/api/v1/blogs/{blog.Handle}/posts/{id}", new { body = "دومین متن دربارهٔ Hafez و سعدی." });
        // Only the tags change: no copy of an unchanged text.
        await api.PutJsonAsync($"/api/v1/blogs/{blog.Handle}/posts/{id}", new { tags = Poetry });
        await api.PutJsonAsync($"/api/v1/blogs/{blog.Handle}/posts/{id}", new { body = "سومین متن." });

        var history = await client.GetPageAsync($"/admin/{blog.Handle}/posts/{id}/revisions");
        var rows = history.QuerySelectorAll("tbody tr");
        Assert.Equal(3, rows.Length);
        // The newest is compared with the one before it, word by word.
        Assert.Equal(["سومین"], history.QuerySelectorAll(".diff ins").Select(e => e.Text()));
        Assert.Contains("دومین", history.QuerySelectorAll(".diff del").Select(e => e.Text()));

        var oldest = rows[^1].QuerySelector("input[name=to]")!.GetAttribute("value")!;
        var restoreForm = $"form#restore-{oldest}";
        using var restored = await client.SubmitAsync(history, restoreForm, new Dictionary<string, string>());
        Assert.Equal($"/admin/{blog.Handle}/posts/{id}?saved=revision", restored.Headers.Location?.OriginalString);

        var post = await (await App.Reader().GetAsync($"/api/v1/blogs/{blog.Handle}/posts/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("نخستین متن دربارهٔ Hafez.", post.GetProperty("body").GetString());
        Assert.Equal(["شعر"], post.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        var after = await client.GetPageAsync($"/admin/{blog.Handle}/posts/{id}/revisions");
        Assert.Equal(4, after.QuerySelectorAll("tbody tr").Length);
        Assert.Equal("Restored", after.QuerySelector("tbody tr .badge").Text());
    }

    [Fact]
    public async Task A_post_saved_before_revisions_keeps_its_original_text_when_first_changed()
    {
        var (blog, owner, client) = await App.BlogWithPersonAsync("en");
        var post = await App.Seed.PostAsync(blog, "Imported", "What the old blog said.");
        using (var scope = App.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<QalamDb>().PostRevisions.Where(r => r.PostId == post.Id).ExecuteDeleteAsync();
        }
        var api = App.Reader().WithToken(await App.Seed.TokenAsync(owner));
        await api.PutJsonAsync($"/api/v1/blogs/{blog.Handle}/posts/{post.Id}", new { body = "What it says now." });

        var history = await client.GetPageAsync($"/admin/{blog.Handle}/posts/{post.Id}/revisions");
        Assert.Equal(["Saved", "Before revisions"], history.QuerySelectorAll("tbody .badge").Select(b => b.Text()));
        Assert.Contains("old", string.Join(' ', history.QuerySelectorAll(".diff del").Select(e => e.Text())), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Autosave_keeps_the_writers_text_on_the_server_and_offers_it_back_without_changing_the_post()
    {
        var (blog, owner, client) = await App.BlogWithPersonAsync("fa");
        var post = await App.Seed.PostByAsync(blog, owner, "پیش از ذخیره");
        var editor = await client.GetPageAsync($"/admin/{blog.Handle}/posts/{post.Id}");

        using var autosaved = await client.SubmitAsync(editor, "#post-form", new Dictionary<string, string>
        {
            ["Form.Title"] = "پیش از ذخیره",
            ["Form.Body"] = "متنی که هنوز ذخیره نشده و در Chrome نوشته شد.",
        }, $"/admin/{blog.Handle}/posts/{post.Id}?handler=Autosave");
        var answer = await autosaved.JsonAsync(HttpStatusCode.OK);
        // The admin area speaks the person's language (English here), whatever the blog's.
        Assert.StartsWith("Autosaved on the server at", answer.GetProperty("saved").GetString(), StringComparison.Ordinal);

        // Readers still see the saved text; the editor, opened again (on another device too), offers the newer one.
        Assert.DoesNotContain("هنوز ذخیره نشده", await App.Reader().GetStringAsync(Seed.PathOf(blog, post)), StringComparison.Ordinal);
        var reopened = await client.GetPageAsync($"/admin/{blog.Handle}/posts/{post.Id}");
        var offer = reopened.QuerySelector(".notice.unsaved a")!.GetAttribute("href")!;
        var compare = await client.GetPageAsync(offer);
        Assert.Contains("هنوز ذخیره نشده", string.Join(' ', compare.QuerySelectorAll(".diff ins").Select(e => e.Text())), StringComparison.Ordinal);
        Assert.Equal("Autosave", compare.QuerySelector("tr.chosen .badge").Text());

        // Saving supersedes the autosave.
        using var saved = await client.SubmitAsync(reopened, "#post-form", new Dictionary<string, string>
        {
            ["Form.Title"] = "پیش از ذخیره", ["Form.Body"] = "متن نهایی.", ["command"] = "save",
        }, $"/admin/{blog.Handle}/posts/{post.Id}");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Null((await client.GetPageAsync($"/admin/{blog.Handle}/posts/{post.Id}")).QuerySelector(".notice.unsaved"));
    }

    [Fact]
    public async Task Autosaving_a_new_post_with_a_title_saves_it_as_a_draft()
    {
        var (blog, _, client) = await App.BlogWithPersonAsync("en");
        var editor = await client.GetPageAsync($"/admin/{blog.Handle}/posts/new");

        using var untitled = await client.SubmitAsync(editor, "#post-form", new Dictionary<string, string> { ["Form.Title"] = "", ["Form.Body"] = "Just started" },
            $"/admin/{blog.Handle}/posts/new?handler=Autosave");
        Assert.False((await untitled.JsonAsync(HttpStatusCode.OK)).TryGetProperty("id", out _));
        using var titled = await client.SubmitAsync(editor, "#post-form", new Dictionary<string, string> { ["Form.Title"] = "Half written", ["Form.Body"] = "Just started" },
            $"/admin/{blog.Handle}/posts/new?handler=Autosave");
        var answer = await titled.JsonAsync(HttpStatusCode.OK);
        var id = answer.GetProperty("id").GetInt32();

        Assert.Equal($"/admin/{blog.Handle}/posts/{id}", answer.GetProperty("url").GetString());
        var draft = await client.GetPageAsync($"/admin/{blog.Handle}/posts/{id}");
        Assert.Equal("Half written", draft.QuerySelector("#title")!.GetAttribute("value"));
        Assert.Equal("Draft", draft.QuerySelector("h1 .badge").Text());
    }

    [Fact]
    public async Task Nobody_reads_or_restores_revisions_of_another_blog_or_another_authors_post()
    {
        var (blog, owner, _) = await App.BlogWithPersonAsync("en");
        var post = await App.Seed.PostByAsync(blog, owner, "Owner's words");
        var (otherBlog, _, stranger) = await App.BlogWithPersonAsync("en");
        var author = await App.Seed.UserAsync();
        await App.Seed.GrantAsync(blog, author, BlogRole.Author);
        var authorClient = await App.SignedInAsync(author);
        long revision;
        using (var scope = App.Services.CreateScope())
        {
            revision = await scope.ServiceProvider.GetRequiredService<QalamDb>().PostRevisions.Where(r => r.PostId == post.Id).Select(r => r.Id).FirstAsync();
        }
        var mine = await App.Seed.PostByAsync(otherBlog, (await App.Seed.UserAsync()), "Stranger's own");
        var own = await stranger.GetPageAsync($"/admin/{otherBlog.Handle}/posts/{mine.Id}/revisions");

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/admin/{otherBlog.Handle}/posts/{post.Id}/revisions")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/admin/{blog.Handle}/posts/{post.Id}/revisions")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/admin/{otherBlog.Handle}/posts/{mine.Id}/revisions?to={revision}")).StatusCode);
        using var forged = await stranger.PostWithTokenAsync(own, $"/admin/{otherBlog.Handle}/posts/{mine.Id}/revisions?handler=Restore&revision={revision}");
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await authorClient.GetAsync($"/admin/{blog.Handle}/posts/{post.Id}/revisions")).StatusCode);
        var text = await (await App.Reader().GetAsync($"/api/v1/blogs/{otherBlog.Handle}/posts/{mine.Id}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("Owner's words", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_difference_marks_whole_words_added_and_removed_line_by_line()
    {
        var comparison = RevisionDiff.Compare("سطر نخست دربارهٔ حافظ\nEnglish line <b>", "سطر دوم دربارهٔ حافظ\nEnglish line <b> added");

        Assert.Equal("سطر <del>نخست</del><ins>دوم</ins> دربارهٔ حافظ\nEnglish line &lt;b&gt;<ins> added</ins>", comparison.Html);
        Assert.Equal(2, comparison.WordsAdded);
        Assert.Equal(1, comparison.WordsRemoved);
    }
}
