namespace Qalam.Comments;

public static class CommentsFeature
{
    public static IServiceCollection AddComments(this IServiceCollection services)
    {
        services.AddOptions<CommentOptions>().BindConfiguration(CommentOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<FormStamp>().AddSingleton<CommentRateLimits>().AddSingleton<CommenterCookies>();
        services.AddHostedService<CommentDigest>();
        return services.AddScoped<CommentThreads>()
            .AddScoped<CommentSubmitter>()
            .AddScoped<CommentModeration>()
            .AddScoped<SpamFilter>()
            .AddScoped<CommentNotifier>();
    }
}
