using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Qalam.Reading;

// The pages a reader sees (the install's front page, blog homes, tag pages, the post page) and the two caches in
// front of them. Reading composes Posts, Comments, Similar and Visits; none of those knows about it.
public static class ReadingFeature
{
    // Blog homes and tag pages (lists of posts) are kept as rendered for readers who are not signed in, for as long
    // as a post page (Posts:PageCacheLifetime), by ASP.NET Core's output cache. The key holds the host, the path, the
    // query and this node's ContentVersion, so a change saved here shows at once and one saved elsewhere within the
    // lifetime. Only complete 200 answers without cookies are kept (the output cache's default rules).
    public const string ListingCache = "listings";

    public static IServiceCollection AddReading(this IServiceCollection services)
    {
        services.AddOptions<PostPageOptions>().BindConfiguration(PostPageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ListingCachePolicy>().AddOutputCache(options => options.AddPolicy(ListingCache, policy => policy.AddPolicy<ListingCachePolicy>()));
        return services.AddSingleton<PostPageCache>().AddScoped<PostPageRecording>().AddScoped<SiteDirectory>()
            .AddScoped<Shared.IBlogBoxes, BlogBoxes>();
    }

    // "page" is reserved by Razor Pages, so list pages are numbered in the path, as WordPress does.
    public static void AddReadingRoutes(this RazorPagesOptions options)
    {
        options.Conventions.AddPageRoute("/Reading/BlogHome", "{blog:handle}/page/{number:int}");
        options.Conventions.AddPageRoute("/Reading/TagPage", "{blog:handle}/tags/{tag}/page/{number:int}");
        options.Conventions.AddPageRoute("/Reading/AuthorPage", "{blog:handle}/authors/{id}/page/{number:int}");
        options.Conventions.AddPageRoute("/Reading/ArchiveMonth", "{blog:handle}/archive/{year:int}/{month:int}/page/{number:int}");
    }

    // After routing (it serves the post page's route only) and before the rest of the pipeline, which a page
    // served from the cache does not need.
    public static void UsePostPageCache(this WebApplication app) =>
        app.Use(app.Services.GetRequiredService<PostPageCache>().InvokeAsync);
}
