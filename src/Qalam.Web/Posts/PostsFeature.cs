namespace Qalam.Posts;

public static class PostsFeature
{
    public static IServiceCollection AddPosts(this IServiceCollection services) =>
        services.AddSingleton<MarkdownRenderer>()
            .AddScoped<PostReader>()
            .AddScoped<PostEditor>()
            .AddSingleton<PostChanges>();
}
