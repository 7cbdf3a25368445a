namespace Qalam.Similar;

public static class SimilarFeature
{
    public static IServiceCollection AddSimilar(this IServiceCollection services) =>
        services.AddScoped<SimilarPostsBuilder>()
            .AddScoped<SimilarPostFinder>()
            .AddHostedService<SimilarRebuilder>();
}
