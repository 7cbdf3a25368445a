namespace Qalam.Visits;

public static class VisitsFeature
{
    public static IServiceCollection AddVisits(this IServiceCollection services)
    {
        services.AddMemoryCache(o => o.SizeLimit = 200_000);
        return services.AddSingleton<CrawlerDetector>()
            .AddSingleton<VisitSalts>()
            .AddScoped<VisitRecorder>()
            .AddScoped<VisitStats>()
            .AddHostedService<VisitJanitor>();
    }
}
