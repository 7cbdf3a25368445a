using Microsoft.Extensions.DependencyInjection;
using Qalam.Accounts;
using Qalam.Blogs;
using Qalam.Comments;
using Qalam.Posts;
using Qalam.Similar;
using Qalam.Storage;

namespace Qalam.Tests.Infrastructure;

// Writes test data through the same entities and writer the product uses.
public sealed class Seed(IServiceProvider services)
{
    public async Task<Blog> BlogAsync(string language = "fa", CommentPolicy policy = CommentPolicy.Open, string? title = null)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QalamDb>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var handle = "t" + Guid.NewGuid().ToString("N")[..10];
        var blog = new Blog(handle, title ?? (language == "fa" ? "وبلاگ آزمایشی" : "Test blog"), language, now)
        {
            CommentPolicy = policy,
            Description = language == "fa" ? "توضیح وبلاگ" : "About this blog",
        };
        db.Blogs.Add(blog);
        await db.SaveChangesAsync();
        return blog;
    }

    public async Task<Post> PostAsync(Blog blog, string title, string body = "Body.", string? language = null,
        string[]? tags = null, DateTime? publishedAt = null, bool draft = false)
    {
        using var scope = services.CreateScope();
        var writer = scope.ServiceProvider.GetRequiredService<PostEditor>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        return await writer.CreateAsync(blog.Id, new PostDraft(title, body, language ?? blog.Language, tags ?? []),
            draft ? null : publishedAt ?? now.AddHours(-1), CancellationToken.None);
    }

    public async Task<Comment> CommentAsync(Post post, string name, string body, CommentStatus status = CommentStatus.Approved,
        int? parentId = null, string? website = null)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QalamDb>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var comment = new Comment(post.BlogId, post.Id, parentId, name, null, website, body, status, now);
        db.Comments.Add(comment);
        await db.SaveChangesAsync();
        return comment;
    }

    public async Task RebuildSimilarAsync(Blog blog)
    {
        using var scope = services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<SimilarPostsBuilder>().RebuildBlogAsync(blog.Id, CancellationToken.None);
    }

    public async Task<QalamUser> UserAsync(InstallRole role = InstallRole.Member, string? name = null, string? email = null, string language = "en")
    {
        using var scope = services.CreateScope();
        email ??= $"u{Guid.NewGuid():N}@example.com";
        var outcome = await scope.ServiceProvider.GetRequiredService<UserAccounts>()
            .CreateAsync(new NewUser(email, Password, name, role, language, AddressConfirmed: true), CancellationToken.None);
        return Assert.IsType<AccountOutcome.Created>(outcome).User;
    }

    // A blog of the language and its owner, who speaks it: where a browser test of the admin area starts.
    public async Task<(Blog Blog, QalamUser Owner)> BlogWithOwnerAsync(string language)
    {
        var blog = await BlogAsync(language);
        var owner = await UserAsync(language: language);
        await GrantAsync(blog, owner, BlogRole.Owner);
        return (blog, owner);
    }

    public async Task GrantAsync(Blog blog, QalamUser user, BlogRole role)
    {
        using var scope = services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<UserAccounts>().GrantAsync(blog.Id, user.Id, role, CancellationToken.None);
    }

    public async Task<string> TokenAsync(QalamUser user)
    {
        using var scope = services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AccessTokens>().CreateAsync(user.Id, "test", CancellationToken.None);
    }

    public async Task<Post> PostByAsync(Blog blog, QalamUser author, string title, bool draft = false)
    {
        var post = await PostAsync(blog, title, draft: draft);
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QalamDb>();
        var tracked = await db.Posts.FindAsync(post.Id);
        tracked!.AuthorId = author.Id;
        await db.SaveChangesAsync();
        return tracked;
    }

    public async Task UpdateBlogAsync(Blog blog, Action<Blog> change)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QalamDb>();
        var tracked = await db.Blogs.FindAsync(blog.Id);
        change(tracked!);
        await db.SaveChangesAsync();
    }

    public const string Password = "a long enough passphrase";

    public static string PathOf(Blog blog, Post post) => $"/{blog.Handle}/posts/{Uri.EscapeDataString(post.Slug)}";
}
