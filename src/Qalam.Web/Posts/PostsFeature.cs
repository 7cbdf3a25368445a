namespace Qalam.Posts;

public static class PostsFeature
{
    // Blog homes and tag pages (lists of posts) are kept as rendered for readers who are not signed in, for as long
    // as a post page (Posts:PageCacheLifetime), by ASP.NET Core's output cache. The key holds the host, the path, the
    // query and this node's ContentVersion, so a change saved here shows at once and one saved elsewhere within the
    // lifetime. Only complete 200 answers without cookies are kept (the output cache's default rules).
    public const string ListingCache = "listings";

    public static IServiceCollection AddPosts(this IServiceCollection services)
    {
        services.AddOptions<PostPageOptions>().BindConfiguration(PostPageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ListingCachePolicy>().AddOutputCache(options => options.AddPolicy(ListingCache, policy => policy.AddPolicy<ListingCachePolicy>()));
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
