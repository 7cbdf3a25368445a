using Qalam.Accounts;
using Qalam.Comments;

namespace Qalam.Tests.Accounts;

// Every write checks the person's role on the blog it touches.
[Collection(SharedAppCollection.Name)]
public sealed class RolesTests(SharedApp shared)
{
    private QalamApp App => shared.App;

    [Fact]
    public async Task An_author_of_one_blog_can_do_nothing_to_another_blog()
    {
        var a = await App.Seed.BlogAsync("en");
        var b = await App.Seed.BlogAsync("en");
        var author = await App.Seed.UserAsync();
        await App.Seed.GrantAsync(a, author, BlogRole.Author);
        var api = App.Reader().WithToken(await App.Seed.TokenAsync(author));
        var theirs = await App.Seed.PostAsync(b, "B's post");
        var draft = await App.Seed.PostAsync(b, "B's draft", draft: true);
        var held = await App.Seed.CommentAsync(theirs, "Reader", "Held", CommentStatus.Pending);

        Assert.Equal(HttpStatusCode.Created, (await api.PostJsonAsync($"/api/v1/blogs/{a.Handle}/posts", new { title = "Mine" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.PostJsonAsync($"/api/v1/blogs/{b.Handle}/posts", new { title = "Intruder" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.PutJsonAsync($"/api/v1/blogs/{b.Handle}/posts/{theirs.Id}", new { title = "Changed" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.DeleteAsync($"/api/v1/blogs/{b.Handle}/posts/{theirs.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/blogs/{b.Handle}/posts/{draft.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync($"/api/v1/blogs/{b.Handle}/posts/{theirs.Id}/comments?status=pending")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.PutJsonAsync($"/api/v1/blogs/{b.Handle}/comments/{held.Id}", new { status = "approved" })).StatusCode);
        // A post id of blog B under blog A's address is not found, not reached.
        Assert.Equal(HttpStatusCode.NotFound, (await api.PutJsonAsync($"/api/v1/blogs/{a.Handle}/posts/{theirs.Id}", new { title = "Sneaky" })).StatusCode);

        var admin = App.Reader();
        var page = await admin.GetAsync($"/admin/{b.Handle}");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
    }

    [Fact]
    public async Task An_author_cannot_publish_or_edit_another_authors_post_but_an_editor_can()
    {
        var blog = await App.Seed.BlogAsync("en");
        var writer = await App.Seed.UserAsync();
        var other = await App.Seed.UserAsync();
        var editor = await App.Seed.UserAsync();
        await App.Seed.GrantAsync(blog, writer, BlogRole.Author);
        await App.Seed.GrantAsync(blog, other, BlogRole.Author);
        await App.Seed.GrantAsync(blog, editor, BlogRole.Editor);
        var draft = await App.Seed.PostByAsync(blog, writer, "Writer's draft", draft: true);
        var path = $"/api/v1/blogs/{blog.Handle}/posts/{draft.Id}";

        var byOther = await App.Reader().WithToken(await App.Seed.TokenAsync(other)).PutJsonAsync(path, new { status = "published" });
        var otherList = await (await App.Reader().WithToken(await App.Seed.TokenAsync(other)).GetAsync($"/api/v1/blogs/{blog.Handle}/posts?status=draft"))
            .JsonAsync(HttpStatusCode.OK);
        var byEditor = await (await App.Reader().WithToken(await App.Seed.TokenAsync(editor)).PutJsonAsync(path, new { status = "published" }))
            .JsonAsync(HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.Forbidden, byOther.StatusCode);
        Assert.Equal(0, otherList.GetProperty("total").GetInt32());
        Assert.Equal("published", byEditor.GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_author_publishes_their_own_post_and_moderates_comments_on_it_only()
    {
        var blog = await App.Seed.BlogAsync("en");
        var writer = await App.Seed.UserAsync(name: "Writer");
        await App.Seed.GrantAsync(blog, writer, BlogRole.Author);
        var api = App.Reader().WithToken(await App.Seed.TokenAsync(writer));
        var mine = await App.Seed.PostByAsync(blog, writer, "Mine");
        var notMine = await App.Seed.PostAsync(blog, "Not mine");
        var onMine = await App.Seed.CommentAsync(mine, "Reader", "On mine", CommentStatus.Pending);
        var onOther = await App.Seed.CommentAsync(notMine, "Reader", "On other", CommentStatus.Pending);

        var approved = await (await api.PutJsonAsync($"/api/v1/blogs/{blog.Handle}/comments/{onMine.Id}", new { status = "approved" }))
            .JsonAsync(HttpStatusCode.OK);
        var refused = await api.PutJsonAsync($"/api/v1/blogs/{blog.Handle}/comments/{onOther.Id}", new { status = "approved" });
        var reply = await (await api.PostJsonAsync($"/api/v1/blogs/{blog.Handle}/posts/{mine.Id}/comments", new { body = "Thank you!", parentId = onMine.Id }))
            .JsonAsync(HttpStatusCode.Created);

        Assert.Equal("approved", approved.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("approved", reply.GetProperty("status").GetString());
        Assert.Equal("Writer", reply.GetProperty("authorName").GetString());
        var page = await App.Reader().GetPageAsync(Seed.PathOf(blog, mine));
        Assert.Equal("2 comments", page.QuerySelector(".comment-count").Text());
    }

    [Fact]
    public async Task Any_account_may_start_a_blog_and_becomes_its_owner()
    {
        var person = await App.Seed.UserAsync();
        var api = App.Reader().WithToken(await App.Seed.TokenAsync(person));
        var handle = "b" + Guid.NewGuid().ToString("N")[..12];

        var created = await (await api.PostJsonAsync("/api/v1/blogs", new { handle, title = "نوشته‌های من", language = "fa" }))
            .JsonAsync(HttpStatusCode.Created);
        var again = await api.PostJsonAsync("/api/v1/blogs", new { handle, title = "Again", language = "en" });
        var reserved = await (await api.PostJsonAsync("/api/v1/blogs", new { handle = "admin", title = "x", language = "xx" }))
            .JsonAsync(HttpStatusCode.BadRequest);
        var anonymous = await App.Reader().PostJsonAsync("/api/v1/blogs", new { handle = handle + "x", title = "x", language = "en" });
        var fetched = await (await App.Reader().GetAsync($"/api/v1/blogs/{handle}")).JsonAsync(HttpStatusCode.OK);
        var handles = new List<string?>();
        for (var number = 1; ; number++)
        {
            var listed = await (await App.Reader().GetAsync($"/api/v1/blogs?pageSize=100&page={number}")).JsonAsync(HttpStatusCode.OK);
            var items = listed.GetProperty("items").EnumerateArray().Select(b => b.GetProperty("handle").GetString()).ToList();
            if (items.Count == 0)
            {
                break;
            }
            handles.AddRange(items);
        }
        var one = await (await App.Reader().GetAsync("/api/v1/blogs?pageSize=1")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal($"http://localhost/{handle}", created.GetProperty("url").GetString());
        Assert.Equal("persian", fetched.GetProperty("calendar").GetString());
        Assert.Contains(handle, handles);
        Assert.Equal(handles.Count, handles.Distinct().Count());
        Assert.Single(one.GetProperty("items").EnumerateArray());
        Assert.Equal(1, one.GetProperty("pageSize").GetInt32());
        Assert.Equal("Asia/Tehran", fetched.GetProperty("timeZone").GetString());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.True(reserved.GetProperty("errors").TryGetProperty("handle", out _));
        Assert.True(reserved.GetProperty("errors").TryGetProperty("language", out _));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await api.PostJsonAsync($"/api/v1/blogs/{handle}/posts", new { title = "First", status = "published" })).StatusCode);
    }

    [Fact]
    public async Task Readers_see_approved_comments_and_moderators_see_the_queue()
    {
        var blog = await App.Seed.BlogAsync("en");
        var owner = await App.Seed.UserAsync();
        await App.Seed.GrantAsync(blog, owner, BlogRole.Owner);
        var post = await App.Seed.PostAsync(blog, "Talked about");
        await App.Seed.CommentAsync(post, "Ann", "Shown");
        await App.Seed.CommentAsync(post, "Bob", "Held", CommentStatus.Pending);

        var readers = await (await App.Reader().GetAsync($"/api/v1/blogs/{blog.Handle}/posts/{post.Id}/comments")).JsonAsync(HttpStatusCode.OK);
        var queue = await (await App.Reader().WithToken(await App.Seed.TokenAsync(owner))
            .GetAsync($"/api/v1/blogs/{blog.Handle}/posts/{post.Id}/comments?status=pending")).JsonAsync(HttpStatusCode.OK);
        var anonymousQueue = await App.Reader().GetAsync($"/api/v1/blogs/{blog.Handle}/posts/{post.Id}/comments?status=pending");

        Assert.Equal(["Shown"], readers.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("body").GetString()));
        Assert.StartsWith($"http://localhost/{blog.Handle}/posts/", readers.GetProperty("items")[0].GetProperty("url").GetString());
        Assert.Equal(["Held"], queue.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("body").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, anonymousQueue.StatusCode);
    }
}
