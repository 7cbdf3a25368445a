namespace Qalam.Similar;

public static class SimilarFeature
{
    public static IServiceCollection AddSimilar(this IServiceCollection services)
    {
        services.AddOptions<SimilarOptions>().BindConfiguration(SimilarOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services.AddSingleton<SimilarModels>()
            .AddScoped<SimilarPostsBuilder>()
            .AddScoped<SimilarPostFinder>()
            .AddHostedService<SimilarRebuilder>();
    }
}
