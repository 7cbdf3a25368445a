namespace Qalam.BlogPages;

public static class BlogPagesFeature
{
    public static IServiceCollection AddBlogPages(this IServiceCollection services) => services.AddScoped<BlogPageEditor>();
}
