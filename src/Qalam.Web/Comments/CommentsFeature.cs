namespace Qalam.Comments;

public static class CommentsFeature
{
    public static IServiceCollection AddComments(this IServiceCollection services) =>
        services.AddScoped<CommentThreads>()
            .AddScoped<CommentSubmitter>()
            .AddScoped<CommentModeration>();
}
