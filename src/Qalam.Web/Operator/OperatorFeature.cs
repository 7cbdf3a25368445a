namespace Qalam.Operator;

public static class OperatorFeature
{
    public static IServiceCollection AddOperator(this IServiceCollection services)
    {
        services.AddOptions<BlogOperatorOptions>().BindConfiguration(BlogOperatorOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHostedService<BlogPurger>();
        return services.AddScoped<BlogOperator>().AddScoped<Backups>().AddScoped<InstallStats>().AddScoped<SpamAcrossBlogs>().AddScoped<UserDirectory>();
    }
}
