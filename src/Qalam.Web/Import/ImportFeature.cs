namespace Qalam.Import;

public static class ImportFeature
{
    public static IServiceCollection AddImport(this IServiceCollection services) =>
        services.AddSingleton(_ => new Http.PublicWebClient()).AddScoped<WordPressImporter>().AddScoped<MarkdownFolderImporter>()
            .AddScoped<WxrWriter>().AddScoped<MarkdownFolderWriter>()
            .AddSingleton<ImportQueue>().AddSingleton<ImportProgress>().AddHostedService<ImportWorker>();

    // After routing, so that only requests no route of Qalam's answers pay for the lookup.
    public static void UseLegacyRedirects(this WebApplication app) => app.Use(LegacyRedirects.InvokeAsync);
}
