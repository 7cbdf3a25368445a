using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.OpenApi;

namespace Qalam.Api;

// The JSON API under /api/v1 (PRODUCT.md's public contract), described at /openapi/v1.json.
// Reads are public; a Bearer token lets a member see drafts and moderation queues. Writes need the token.
public static class ApiFeature
{
    public static IServiceCollection AddApi(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddOpenApi("v1", options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Qalam API";
                document.Info.Description = "Blogs, posts, comments and search. Writes need `Authorization: Bearer <personal access token>`.";
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "A personal access token from the admin area or `qalam tokens create`.",
                };
                return Task.CompletedTask;
            });
        });
        return services;
    }
}

public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

public static class Paging
{
    public const int DefaultSize = 20;
    public const int MaxSize = 100;

    public static (int Page, int Size) Normalize(int? page, int? pageSize) =>
        (Math.Max(1, page ?? 1), Math.Clamp(pageSize ?? DefaultSize, 1, MaxSize));
}

// Problem details (RFC 9457) the same way from every endpoint: field errors keyed by the JSON name of the field.
public static class ApiProblems
{
    public static ValidationProblem Fields<T>(IEnumerable<T> errors, Func<T, string> field, Func<T, string> message) =>
        TypedResults.ValidationProblem(errors.GroupBy(e => JsonName(field(e))).ToDictionary(g => g.Key, g => g.Select(message).ToArray()));

    public static ValidationProblem Field(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    public static Conflict<Microsoft.AspNetCore.Mvc.ProblemDetails> Conflict(string title, string? detail = null) =>
        TypedResults.Conflict(new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = StatusCodes.Status409Conflict, Title = title, Detail = detail });

    private static string JsonName(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
