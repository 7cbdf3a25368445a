namespace Qalam.Blogs;

public static class BlogsFeature
{
    public static IServiceCollection AddBlogs(this IServiceCollection services) =>
        services.AddScoped<BlogDirectory>().AddScoped<BlogCreator>().AddSingleton<BlogSuspension>();

    public static void UseBlogSuspension(this WebApplication app) =>
        app.Use((context, next) => context.RequestServices.GetRequiredService<BlogSuspension>().InvokeAsync(context, _ => next()));
}
