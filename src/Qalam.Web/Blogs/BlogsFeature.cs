namespace Qalam.Blogs;

public static class BlogsFeature
{
    public static IServiceCollection AddBlogs(this IServiceCollection services)
    {
        services.AddOptions<QuotaOptions>().BindConfiguration(QuotaOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services.AddScoped<BlogDirectory>().AddScoped<BlogCreator>().AddScoped<BlogQuotas>().AddSingleton<BlogSuspension>();
    }

    public static void UseBlogSuspension(this WebApplication app) =>
        app.Use((context, next) => context.RequestServices.GetRequiredService<BlogSuspension>().InvokeAsync(context, _ => next()));
}
