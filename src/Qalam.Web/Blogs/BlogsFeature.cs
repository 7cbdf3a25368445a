namespace Qalam.Blogs;

public static class BlogsFeature
{
    public static IServiceCollection AddBlogs(this IServiceCollection services) =>
        services.AddScoped<BlogDirectory>().AddScoped<BlogCreator>();
}
