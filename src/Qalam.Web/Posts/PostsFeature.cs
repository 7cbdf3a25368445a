namespace Qalam.Posts;

public static class PostsFeature
{
    public static IServiceCollection AddPosts(this IServiceCollection services)
    {
        services.AddOptions<PostPageOptions>().BindConfiguration(PostPageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services.AddSingleton<MarkdownRenderer>()
            .AddScoped<PostReader>()
            .AddScoped<PostEditor>()
            .AddSingleton<PostChanges>()
            .AddSingleton<PostPageCache>();
    }

    // After routing (it serves the post page's route only) and before the rest of the pipeline, which a page
    // served from the cache does not need.
    public static void UsePostPageCache(this WebApplication app) =>
        app.Use(app.Services.GetRequiredService<PostPageCache>().InvokeAsync);
}
