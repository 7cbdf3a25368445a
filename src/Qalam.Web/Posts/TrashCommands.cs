using System.CommandLine;
using System.Globalization;
using Qalam.Blogs;
using Qalam.Cli;

namespace Qalam.Posts;

// `qalam trash list|restore|empty --blog H`: the blog's trash for operators, as its owners see it in the admin area.
public static class TrashCommands
{
    public static IEnumerable<Command> All(CliHost host) => [Trash(host)];

    private static Command Trash(CliHost host)
    {
        Option<string> Blog() => new("--blog") { Required = true, Description = "Handle of the blog." };

        var listBlog = Blog();
        var list = new Command("list", "One line per post in the trash, tab-separated: id, deleted at, removed for good at, slug, title.") { listBlog };
        list.SetAction(async (result, ct) =>
        {
            await using var scope = host.Services.CreateAsyncScope();
            var blog = (await BlogDirectory.FindForCommandAsync(scope, result.GetValue(listBlog), ct))!;
            foreach (var post in await scope.ServiceProvider.GetRequiredService<PostTrash>().ListAsync(blog.Id, null, ct))
            {
                Console.WriteLine(string.Join('\t', post.Id.ToString(CultureInfo.InvariantCulture),
                    post.TrashedAt.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture),
                    post.PurgeAt.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture), post.Slug, post.Title));
            }
        });

        var restoreBlog = Blog();
        var id = new Option<int>("--id") { Required = true, Description = "The post's id, as `trash list` shows it." };
        var restore = new Command("restore", "Bring a post back from the trash, with the status it had.") { restoreBlog, id };
        restore.SetAction(async (result, ct) =>
        {
            await using var scope = host.Services.CreateAsyncScope();
            var blog = (await BlogDirectory.FindForCommandAsync(scope, result.GetValue(restoreBlog), ct))!;
            var trash = scope.ServiceProvider.GetRequiredService<PostTrash>();
            var post = await trash.FindAsync(blog.Id, result.GetValue(id), ct)
                ?? throw new CliException($"The trash of {blog.Handle} holds no post {result.GetValue(id)}.");
            await trash.RestoreAsync(post, ct);
            Console.WriteLine($"Restored {post.Slug}.");
        });

        var emptyBlog = Blog();
        var empty = new Command("empty", "Remove every post in the blog's trash for good, with its comments and visits.") { emptyBlog };
        empty.SetAction(async (result, ct) =>
        {
            await using var scope = host.Services.CreateAsyncScope();
            var blog = (await BlogDirectory.FindForCommandAsync(scope, result.GetValue(emptyBlog), ct))!;
            var purged = await scope.ServiceProvider.GetRequiredService<PostTrash>().EmptyAsync(blog.Id, ct);
            Console.WriteLine($"Removed {purged} posts for good.");
        });
        return new Command("trash", "Restore or remove deleted posts.") { list, restore, empty };
    }
}
