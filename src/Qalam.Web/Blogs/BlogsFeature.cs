namespace Qalam.Blogs;

public static class BlogsFeature
{
    public static IServiceCollection AddBlogs(this IServiceCollection services)
    {
        services.AddOptions<QuotaOptions>().BindConfiguration(QuotaOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<HostingOptions>().BindConfiguration(HostingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.Configure<RouteOptions>(o => o.SetParameterPolicy<HandleRouteConstraint>(HandleRouteConstraint.Name));
        services.AddHostedService<DomainMapLoader>().AddHostedService<DomainChecker>();
        return services.AddScoped<BlogDirectory>().AddScoped<BlogMenus>().AddScoped<BlogQuotas>().AddSingleton<BlogSuspension>()
            .AddSingleton<BlogAddresses>().AddSingleton<BlogHosts>().AddScoped<CustomDomains>();
    }

    // Before routing: the routes match the path BlogHosts hands on.
    public static void UseBlogHosts(this WebApplication app)
    {
        app.Use((context, next) => context.RequestServices.GetRequiredService<BlogHosts>().InvokeAsync(context, _ => next()));
        app.UseRouting();
    }

    // Whether a proxy with on-demand TLS (Caddy's "ask") may get a certificate for a host name.
    // A subdomain counts only when its blog exists, so strangers cannot make the proxy ask for certificates in bulk.
    public static void MapHostingChecks(this WebApplication app) =>
        app.MapGet("/hosting/tls", async (string? domain, BlogAddresses addresses, BlogDirectory blogs, CancellationToken ct) =>
            (string.IsNullOrWhiteSpace(domain) ? default : addresses.Match(new HostString(domain))) switch
            {
                { Kind: HostKind.Install or HostKind.InstallAlias } when addresses.HasDomain => Results.Ok(),
                { Kind: HostKind.Blog, Handle: { } handle } when await blogs.FindAsync(handle, ct) is not null => Results.Ok(),
                _ => Results.NotFound(),
            }).ExcludeFromDescription();

    public static void UseBlogSuspension(this WebApplication app) =>
        app.Use((context, next) => context.RequestServices.GetRequiredService<BlogSuspension>().InvokeAsync(context, _ => next()));
}

// Reads the verified custom domains before the server takes requests (after the migrator, registered earlier).
public sealed class DomainMapLoader(BlogAddresses addresses) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => addresses.ReloadAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
