using Microsoft.AspNetCore.Http.HttpResults;
using Qalam.Api;
using Qalam.Blogs;

namespace Qalam.Search;

public sealed record SearchResultResource(int Id, string Title, string Url, string Language, DateTime PublishedAt, string Snippet);

public static class SearchApi
{
    public static IServiceCollection AddSearch(this IServiceCollection services)
    {
        services.AddOptions<SearchOptions>().BindConfiguration(SearchOptions.Section)
            .PostConfigure<IHostEnvironment>((options, environment) =>
            {
                if (string.IsNullOrWhiteSpace(options.IndexDirectory))
                {
                    options.IndexDirectory = Path.Combine(environment.ContentRootPath, "data", "search-index");
                }
            });
        return services.AddSingleton<SearchIndex>().AddHostedService<SearchIndexer>().AddScoped<PostSearch>();
    }

    public static void MapSearchApi(this RouteGroupBuilder api) =>
        api.MapGet("/blogs/{handle}/search", SearchAsync).WithName("SearchPosts");

    private static async Task<Results<Ok<Paged<SearchResultResource>>, NotFound, ValidationProblem>> SearchAsync(
        string handle, string? q, int? page, int? pageSize, BlogDirectory blogs, PostSearch search, TimeProvider time,
        HttpRequest request, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(q) || q.Length > PostSearch.MaxQueryLength)
        {
            return ApiProblems.Field("q", $"Give a query of 1 to {PostSearch.MaxQueryLength} characters.");
        }
        if (await blogs.FindAsync(handle, ct) is not { } blog)
        {
            return TypedResults.NotFound();
        }
        var (number, size) = Paging.Normalize(page, pageSize);
        var (hits, total) = await search.SearchAsync(blog.Id, q, time.GetUtcNow().UtcDateTime, number, size, ct);
        var site = SiteAddress.From(request);
        return TypedResults.Ok(new Paged<SearchResultResource>(
            [.. hits.Select(h => new SearchResultResource(h.Id, h.Title, site.Post(blog.Handle, h.Slug), h.Language, h.PublishedAt, h.Snippet))],
            number, size, total));
    }
}
