namespace Qalam.Visits;

public static class VisitsFeature
{
    public static IServiceCollection AddVisits(this IServiceCollection services)
    {
        services.AddMemoryCache(o => o.SizeLimit = 200_000);
        services.AddOptions<VisitOptions>().BindConfiguration(VisitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<VisitFlusher>().AddHostedService(sp => sp.GetRequiredService<VisitFlusher>());
        return services.AddSingleton<CrawlerDetector>()
            .AddSingleton<VisitBuffer>()
            .AddScoped<VisitWriter>()
            .AddSingleton<VisitSalts>()
            .AddSingleton<VisitRecorder>()
            .AddScoped<VisitStats>()
            .AddHostedService<VisitJanitor>();
    }
}
