using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Qalam.Posts;

public static class PostsFeature
{
    public static IServiceCollection AddPosts(this IServiceCollection services) =>
        services.AddSingleton<MarkdownRenderer>()
            .AddScoped<PostReader>()
            .AddScoped<PostEditor>()
            .AddScoped<PostRevisions>()
            .AddScoped<PostTrash>()
            .AddHostedService<TrashPurger>()
            .AddSingleton<PostChanges>()
            .AddOptions<PostTrashOptions>().BindConfiguration(PostTrashOptions.Section).ValidateDataAnnotations().ValidateOnStart().Services;

    // The editor answers at /posts/new for a new post and at /posts/{id} for an existing one.
    public static void AddPostsRoutes(this RazorPagesOptions options) =>
        options.Conventions.AddPageRoute("/Posts/Admin/PostEdit", "admin/{blog:handle}/posts/{id:int}");
}
