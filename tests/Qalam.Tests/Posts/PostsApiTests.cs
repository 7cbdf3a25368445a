using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Qalam.Accounts;

namespace Qalam.Tests.Posts;

[Collection(SharedAppCollection.Name)]
public sealed class PostsApiTests(SharedApp shared)
{
    private static readonly string[] Tags = ["شعر", "Hafez"];

    private QalamApp App => shared.App;

    [Fact]
    public async Task A_post_written_through_the_API_is_published_with_every_field_of_the_contract()
    {
        var blog = await App.Seed.BlogAsync("fa");
        var owner = await App.Seed.UserAsync();
        await App.Seed.GrantAsync(blog, owner, BlogRole.Owner);
        var api = App.Reader().WithToken(await App.Seed.TokenAsync(owner));

        var created = await (await api.PostJsonAsync($"/api/v1/blogs/{blog.Handle}/posts", new
        {
            title = "Reading Hafez in English",
            body = "A *translation* of a ghazal.",
            language = "en",
            tags = Tags,
            status = "published",
        })).JsonAsync(HttpStatusCode.Created);

        Assert.Equal("reading-hafez-in-english", created.GetProperty("slug").GetString());
        Assert.Equal($"http://localhost/{blog.Handle}/posts/reading-hafez-in-english", created.GetProperty("url").GetString());
        Assert.Equal("en", created.GetProperty("language").GetString());
        Assert.Equal("published", created.GetProperty("status").GetString());
        Assert.Equal(App.Time.GetUtcNow().UtcDateTime, created.GetProperty("publishedAt").GetDateTime().ToUniversalTime());
        Assert.Equal(["Hafez", "شعر"], created.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("A *translation* of a ghazal.", created.GetProperty("body").GetString());
        Assert.Equal(0, created.GetProperty("visits").GetInt64());
        Assert.Equal(0, created.GetProperty("commentCount").GetInt32());
        Assert.Equal(JsonValueKind.Array, created.GetProperty("similar").ValueKind);

        var page = await App.Reader().GetPageAsync($"/{blog.Handle}/posts/reading-hafez-in-english");
        Assert.Equal("translation", page.QuerySelector(".post-body em").Text());
    }

    [Fact]
    public async Task Writes_without_a_token_or_with_a_revoked_one_are_refused_with_401()
    {
        var blog = await App.Seed.BlogAsync("en");
        var owner = await App.Seed.UserAsync();
        await App.Seed.GrantAsync(blog, owner, BlogRole.Owner);
        var token = await App.Seed.TokenAsync(owner);

        var anonymous = await App.Reader().PostJsonAsync($"/api/v1/blogs/{blog.Handle}/posts", new { title = "x" });
        var forged = await App.Reader().WithToken("qlm_not-a-real-token").PostJsonAsync($"/api/v1/blogs/{blog.Handle}/posts", new { title = "x" });
        using (var scope = App.Services.CreateScope())
        {
            var tokens = scope.ServiceProvider.GetRequiredService<AccessTokens>();
            var listed = await tokens.ListAsync(owner.Id, CancellationToken.None);
            await tokens.RevokeAsync(owner.Id, listed.Single().Id, CancellationToken.None);
        }
        var revoked = await App.Reader().WithToken(token).PostJsonAsync($"/api/v1/blogs/{blog.Handle}/posts", new { title = "x" });

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Invalid_posts_get_400_with_field_messages_and_a_taken_slug_gets_409()
    {
        var blog = await App.Seed.BlogAsync("en");
        var owner = await App.Seed.UserAsync();
        await App.Seed.GrantAsync(blog, owner, BlogRole.Owner);
        var api = App.Reader().WithToken(await App.Seed.TokenAsync(owner));
        await App.Seed.PostAsync(blog, "Taken");

        var invalid = await (await api.PostJsonAsync($"/api/v1/blogs/{blog.Handle}/posts", new { title = "", language = "de", status = "someday" }))
            .JsonAsync(HttpStatusCode.BadRequest);
        var conflict = await api.PostJsonAsync($"/api/v1/blogs/{blog.Handle}/posts", new { title = "Another", slug = "taken" });

        var errors = invalid.GetProperty("errors");
        Assert.True(errors.TryGetProperty("title", out _));
        Assert.True(errors.TryGetProperty("language", out _));
        Assert.True(errors.TryGetProperty("status", out _));
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
    }

    [Fact]
    public async Task Drafts_and_scheduled_posts_are_invisible_to_readers_until_their_time()
    {
        var blog = await App.Seed.BlogAsync("en");
        var owner = await App.Seed.UserAsync();
        await App.Seed.GrantAsync(blog, owner, BlogRole.Owner);
        var api = App.Reader().WithToken(await App.Seed.TokenAsync(owner));
        var at = App.Time.GetUtcNow().UtcDateTime.AddDays(365);

        var draft = await (await api.PostJsonAsync($"/api/v1/blogs/{blog.Handle}/posts", new { title = "Draft" })).JsonAsync(HttpStatusCode.Created);
        var scheduled = await (await api.PostJsonAsync($"/api/v1/blogs/{blog.Handle}/posts",
            new { title = "Next year", status = "scheduled", publishedAt = at })).JsonAsync(HttpStatusCode.Created);
        var draftId = draft.GetProperty("id").GetInt32();
        var scheduledId = scheduled.GetProperty("id").GetInt32();

        Assert.Equal("draft", draft.GetProperty("status").GetString());
        Assert.Equal("scheduled", scheduled.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await App.Reader().GetAsync($"/api/v1/blogs/{blog.Handle}/posts/{draftId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await App.Reader().GetAsync($"/api/v1/blogs/{blog.Handle}/posts/{scheduledId}")).StatusCode);
        var listed = await (await App.Reader().GetAsync($"/api/v1/blogs/{blog.Handle}/posts")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, listed.GetProperty("total").GetInt32());
        var all = await (await api.GetAsync($"/api/v1/blogs/{blog.Handle}/posts?status=all")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, all.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Renaming_a_published_post_keeps_its_old_address_as_a_permanent_redirect()
    {
        var blog = await App.Seed.BlogAsync("fa");
        var owner = await App.Seed.UserAsync();
        await App.Seed.GrantAsync(blog, owner, BlogRole.Owner);
        var api = App.Reader().WithToken(await App.Seed.TokenAsync(owner));
        var post = await App.Seed.PostAsync(blog, "نام قدیمی");

        var renamed = await (await api.PutJsonAsync($"/api/v1/blogs/{blog.Handle}/posts/{post.Id}", new { slug = "نام تازه" }))
            .JsonAsync(HttpStatusCode.OK);
        var old = await App.Reader().GetAsync($"/{blog.Handle}/posts/{Uri.EscapeDataString("نام-قدیمی")}");
        var reuse = await api.PostJsonAsync($"/api/v1/blogs/{blog.Handle}/posts", new { title = "x", slug = "نام قدیمی" });

        Assert.Equal("نام-تازه", renamed.GetProperty("slug").GetString());
        Assert.Equal(HttpStatusCode.MovedPermanently, old.StatusCode);
        Assert.Equal($"/{blog.Handle}/posts/{Uri.EscapeDataString("نام-تازه")}", old.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Conflict, reuse.StatusCode);
    }

    [Fact]
    public async Task Deleting_a_post_takes_it_from_the_blog_into_the_trash()
    {
        var blog = await App.Seed.BlogAsync("en");
        var owner = await App.Seed.UserAsync();
        await App.Seed.GrantAsync(blog, owner, BlogRole.Owner);
        var api = App.Reader().WithToken(await App.Seed.TokenAsync(owner));
        var post = await App.Seed.PostAsync(blog, "Short-lived");

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/blogs/{blog.Handle}/posts/{post.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await App.Reader().GetAsync(Seed.PathOf(blog, post))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.DeleteAsync($"/api/v1/blogs/{blog.Handle}/posts/{post.Id}")).StatusCode);
    }

    [Fact]
    public async Task Search_finds_Persian_text_typed_with_Arabic_letter_forms()
    {
        var blog = await App.Seed.BlogAsync("fa");
        await App.Seed.PostAsync(blog, "کتاب‌های پاییزی", "فهرست کتاب‌هایی که امسال خواندم.");
        await App.Seed.PostAsync(blog, "آشپزی", "قورمه‌سبزی");

        var found = await (await App.Reader().GetAsync($"/api/v1/blogs/{blog.Handle}/search?q={Uri.EscapeDataString("كتابهاي")}"))
            .JsonAsync(HttpStatusCode.OK);
        var empty = await App.Reader().GetAsync($"/api/v1/blogs/{blog.Handle}/search?q=");

        Assert.Equal(["کتاب‌های پاییزی"], found.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_every_endpoint_of_the_contract()
    {
        var document = await (await App.Reader().GetAsync("/openapi/v1.json")).JsonAsync(HttpStatusCode.OK);
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();

        Assert.Contains("/api/v1/blogs", paths);
        Assert.Contains("/api/v1/blogs/{handle}", paths);
        Assert.Contains("/api/v1/blogs/{handle}/posts", paths);
        Assert.Contains("/api/v1/blogs/{handle}/posts/{id}", paths);
        Assert.Contains("/api/v1/blogs/{handle}/posts/{id}/comments", paths);
        Assert.Contains("/api/v1/blogs/{handle}/search", paths);
    }
}
