namespace Qalam.Subscriptions;

public static class SubscriptionsFeature
{
    public static IServiceCollection AddSubscriptions(this IServiceCollection services)
    {
        services.AddOptions<SubscriptionOptions>().BindConfiguration(SubscriptionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services.AddSingleton<SubscriptionLimits>()
            .AddScoped<SubscriberDirectory>()
            .AddScoped<SubscriberMailer>()
            .AddScoped<SubscriberAdmin>()
            .AddHostedService<SubscriberMailerService>();
    }
}
