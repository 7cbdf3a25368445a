using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qalam.Accounts;
using Qalam.Comments;
using Qalam.Posts;
using Qalam.Storage;

namespace Qalam.Tests.Posts;

// Deleting a post puts it in the trash: readers lose it at once (its address answers 410), its people restore it
// with everything it had, and it is purged with its comments and visits when the retention time ends.
public sealed class TrashTests : WithOwnApp
{
    [Fact]
    public async Task A_deleted_post_answers_410_leaves_every_list_and_comes_back_whole_when_restored()
    {
        var (blog, owner) = await App.Seed.BlogWithOwnerAsync("fa");
        var api = App.Reader().WithToken(await App.Seed.TokenAsync(owner));
        var post = await App.Seed.PostAsync(blog, "نوشته‌ای برای زباله‌دان", "متنی دربارهٔ حافظ.");
        await App.Seed.CommentAsync(post, "مریم", "چه خوب.");
        Assert.Equal(HttpStatusCode.OK, (await App.Reader(Browsers.Distinct(1)).GetAsync(Seed.PathOf(blog, post))).StatusCode);
        await App.Services.GetRequiredService<Qalam.Visits.VisitFlusher>().FlushAsync(CancellationToken.None);

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/blogs/{blog.Handle}/posts/{post.Id}")).StatusCode);

        var gone = await App.Reader().GetAsync(Seed.PathOf(blog, post));
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        var goneText = Html.Parse(await gone.Content.ReadAsStringAsync());
        Assert.Equal("حذف شده", goneText.QuerySelector("main h1").Text());
        Assert.Equal(HttpStatusCode.Gone, (await App.Reader().GetAsync($"/api/v1/blogs/{blog.Handle}/posts/{post.Id}")).StatusCode);
        Assert.DoesNotContain("نوشته‌ای برای زباله‌دان", (await App.Reader().GetPageAsync($"/{blog.Handle}")).Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("زباله‌دان", await App.Reader().GetStringAsync($"/{blog.Handle}/feed.xml"), StringComparison.Ordinal);
        var listed = await (await api.GetAsync($"/api/v1/blogs/{blog.Handle}/posts?status=all")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, listed.GetProperty("items").GetArrayLength());
        // Deleting again finds nothing: it is no longer among the posts.
        Assert.Equal(HttpStatusCode.NotFound, (await api.DeleteAsync($"/api/v1/blogs/{blog.Handle}/posts/{post.Id}")).StatusCode);

        var trash = await (await api.GetAsync($"/api/v1/blogs/{blog.Handle}/trash")).JsonAsync(HttpStatusCode.OK);
        var item = Assert.Single(trash.EnumerateArray());
        Assert.Equal(post.Id, item.GetProperty("id").GetInt32());
        Assert.Equal(App.Time.GetUtcNow().UtcDateTime.AddDays(30), item.GetProperty("purgeAt").GetDateTime().ToUniversalTime());

        var restored = await (await api.PostAsync($"/api/v1/blogs/{blog.Handle}/trash/{post.Id}/restore", null)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("published", restored.GetProperty("status").GetString());
        Assert.Equal(1, restored.GetProperty("commentCount").GetInt32());
        Assert.Equal(1, restored.GetProperty("visits").GetInt64());
        var page = await App.Reader().GetPageAsync(Seed.PathOf(blog, post));
        Assert.Equal("نوشته‌ای برای زباله‌دان", page.QuerySelector("h1").Text());
        Assert.Equal(0, (await (await api.GetAsync($"/api/v1/blogs/{blog.Handle}/trash")).JsonAsync(HttpStatusCode.OK)).GetArrayLength());
    }

    [Fact]
    public async Task A_trashed_post_keeps_its_address_from_new_posts_and_a_trashed_draft_is_simply_not_found()
    {
        var (blog, owner) = await App.Seed.BlogWithOwnerAsync("en");
        var api = App.Reader().WithToken(await App.Seed.TokenAsync(owner));
        var post = await App.Seed.PostAsync(blog, "Taken address");
        var draft = await App.Seed.PostByAsync(blog, owner, "A secret draft", draft: true);
        await api.DeleteAsync($"/api/v1/blogs/{blog.Handle}/posts/{post.Id}");
        await api.DeleteAsync($"/api/v1/blogs/{blog.Handle}/posts/{draft.Id}");

        var reuse = await api.PostJsonAsync($"/api/v1/blogs/{blog.Handle}/posts", new { title = "Another", slug = post.Slug });
        var automatic = await (await api.PostJsonAsync($"/api/v1/blogs/{blog.Handle}/posts", new { title = "Taken address" })).JsonAsync(HttpStatusCode.Created);

        Assert.Equal(HttpStatusCode.Conflict, reuse.StatusCode);
        Assert.Equal("taken-address-2", automatic.GetProperty("slug").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await App.Reader().GetAsync(Seed.PathOf(blog, draft))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await App.Reader().GetAsync($"/api/v1/blogs/{blog.Handle}/posts/{draft.Id}")).StatusCode);
    }

    [Fact]
    public async Task The_trash_is_purged_after_its_retention_time_with_the_posts_comments_visits_and_revisions()
    {
        var (blog, owner) = await App.Seed.BlogWithOwnerAsync("en");
        var api = App.Reader().WithToken(await App.Seed.TokenAsync(owner));
        var post = await App.Seed.PostAsync(blog, "Soon gone");
        var kept = await App.Seed.PostAsync(blog, "Deleted later");
        var reply = await App.Seed.CommentAsync(post, "Sara", "First.");
        await App.Seed.CommentAsync(post, "Reza", "A reply.", parentId: reply.Id);
        await App.Reader(Browsers.Distinct(2)).GetAsync(Seed.PathOf(blog, post));
        await App.Services.GetRequiredService<Qalam.Visits.VisitFlusher>().FlushAsync(CancellationToken.None);
        await api.PutJsonAsync($"/api/v1/blogs/{blog.Handle}/posts/{post.Id}", new { body = "Changed once." });
        await api.DeleteAsync($"/api/v1/blogs/{blog.Handle}/posts/{post.Id}");
        App.Time.Advance(TimeSpan.FromDays(20));
        await api.DeleteAsync($"/api/v1/blogs/{blog.Handle}/posts/{kept.Id}");

        // The purger wakes up on the moved clock (its hourly pause ends) and removes what is due.
        App.Time.Advance(TimeSpan.FromDays(10) + TimeSpan.FromHours(1));
        for (var waited = 0; waited < 100 && await TrashedCountAsync() > 1; waited++)
        {
            await Task.Delay(100);
        }
        using (var scope = App.Services.CreateScope())
        {
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<PostTrash>().PurgeDueAsync(CancellationToken.None));
            var db = scope.ServiceProvider.GetRequiredService<QalamDb>();
            Assert.False(await db.Posts.IgnoreQueryFilters().AnyAsync(p => p.Id == post.Id));
            Assert.False(await db.Set<Comment>().AnyAsync(c => c.PostId == post.Id));
            Assert.False(await db.PostRevisions.AnyAsync(r => r.PostId == post.Id));
            Assert.False(await db.Set<Qalam.Visits.PostVisitDay>().AnyAsync(r => r.PostId == post.Id));
        }
        var trash = await (await api.GetAsync($"/api/v1/blogs/{blog.Handle}/trash")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal([kept.Id], trash.EnumerateArray().Select(p => p.GetProperty("id").GetInt32()));
        Assert.Equal(HttpStatusCode.NotFound, (await App.Reader().GetAsync(Seed.PathOf(blog, post))).StatusCode);
        // Its address is free again.
        var again = await (await api.PostJsonAsync($"/api/v1/blogs/{blog.Handle}/posts", new { title = "Soon gone" })).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(post.Slug, again.GetProperty("slug").GetString());
    }

    private async Task<int> TrashedCountAsync()
    {
        using var scope = App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<QalamDb>().Posts.IgnoreQueryFilters().CountAsync(p => p.TrashedAt != null);
    }

    [Fact]
    public async Task Nobody_restores_or_purges_a_post_of_a_blog_or_an_author_they_do_not_answer_for()
    {
        var (blog, owner) = await App.Seed.BlogWithOwnerAsync("en");
        var (otherBlog, otherOwner) = await App.Seed.BlogWithOwnerAsync("en");
        var author = await App.Seed.UserAsync();
        await App.Seed.GrantAsync(blog, author, BlogRole.Author);
        var ownerApi = App.Reader().WithToken(await App.Seed.TokenAsync(owner));
        var stranger = App.Reader().WithToken(await App.Seed.TokenAsync(otherOwner));
        var authorApi = App.Reader().WithToken(await App.Seed.TokenAsync(author));
        var post = await App.Seed.PostAsync(blog, "Owner's post");
        await ownerApi.DeleteAsync($"/api/v1/blogs/{blog.Handle}/posts/{post.Id}");

        // The other blog's owner names their own blog with this post's id, then this blog.
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync($"/api/v1/blogs/{otherBlog.Handle}/trash/{post.Id}/restore", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.DeleteAsync($"/api/v1/blogs/{otherBlog.Handle}/trash/{post.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync($"/api/v1/blogs/{blog.Handle}/trash/{post.Id}/restore", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync($"/api/v1/blogs/{blog.Handle}/trash")).StatusCode);
        // An author of the blog sees no one else's trash and may not act on it.
        Assert.Equal(0, (await (await authorApi.GetAsync($"/api/v1/blogs/{blog.Handle}/trash")).JsonAsync(HttpStatusCode.OK)).GetArrayLength());
        Assert.Equal(HttpStatusCode.Forbidden, (await authorApi.PostAsync($"/api/v1/blogs/{blog.Handle}/trash/{post.Id}/restore", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await authorApi.DeleteAsync($"/api/v1/blogs/{blog.Handle}/trash/{post.Id}")).StatusCode);
        // Nor through the admin area's forms.
        var otherClient = await App.SignedInAsync(otherOwner);
        var trashPage = await otherClient.GetPageAsync($"/admin/{otherBlog.Handle}/trash");
        using var forged = await otherClient.PostWithTokenAsync(trashPage, $"/admin/{otherBlog.Handle}/trash/{post.Id}?handler=Restore");
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);

        Assert.Equal(HttpStatusCode.Gone, (await App.Reader().GetAsync(Seed.PathOf(blog, post))).StatusCode);
    }

    [Fact]
    public async Task The_admin_area_moves_a_post_to_the_trash_offers_it_back_and_empties_the_trash()
    {
        var (blog, owner, client) = await App.BlogWithPersonAsync("fa");
        var post = await App.Seed.PostAsync(blog, "برگشتنی");
        var second = await App.Seed.PostAsync(blog, "رفتنی");

        var confirm = await client.GetPageAsync($"/admin/{blog.Handle}/posts/{post.Id}/delete");
        Assert.Contains("for 30 days", confirm.QuerySelector("main").Text(), StringComparison.Ordinal);
        using var deleted = await client.SubmitAsync(confirm, "main form", new Dictionary<string, string>(), $"/admin/{blog.Handle}/posts/{post.Id}/delete");
        Assert.Equal($"/admin/{blog.Handle}/posts?trashed={post.Id}", deleted.Headers.Location?.OriginalString);
        var list = await client.GetPageAsync(deleted.Headers.Location!.OriginalString);
        Assert.DoesNotContain("برگشتنی", list.QuerySelector("table")!.TextContent, StringComparison.Ordinal);
        using var undone = await client.SubmitAsync(list, "form.notice", new Dictionary<string, string>());
        Assert.Equal($"/admin/{blog.Handle}/posts/{post.Id}?saved=restored", undone.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await App.Reader().GetAsync(Seed.PathOf(blog, post))).StatusCode);

        var again = await client.GetPageAsync($"/admin/{blog.Handle}/posts/{second.Id}/delete");
        await client.SubmitAsync(again, "main form", new Dictionary<string, string>(), $"/admin/{blog.Handle}/posts/{second.Id}/delete");
        var trash = await client.GetPageAsync($"/admin/{blog.Handle}/trash");
        Assert.Equal("رفتنی", trash.QuerySelector("tbody td").Text());
        using var emptied = await client.SubmitAsync(trash, "form[action$='handler=Empty']", new Dictionary<string, string>());
        Assert.Equal($"/admin/{blog.Handle}/trash?done=emptied", emptied.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, (await App.Reader().GetAsync(Seed.PathOf(blog, second))).StatusCode);
        Assert.Null((await client.GetPageAsync($"/admin/{blog.Handle}/trash")).QuerySelector("tbody"));
    }
}
