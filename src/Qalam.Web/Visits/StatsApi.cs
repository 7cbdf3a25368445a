using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Qalam.Accounts;
using Qalam.Api;
using Qalam.Blogs;

namespace Qalam.Visits;

public sealed record StatsResource(int Days, long Total, IReadOnlyList<DayVisits> PerDay, IReadOnlyList<TopPostResource> TopPosts,
    IReadOnlyList<ReferrerVisits> TopReferrers);

public sealed record TopPostResource(int Id, string Title, string Url, long Visits);

public static class StatsApi
{
    // Owners and editors only: the numbers behind the admin area's charts.
    public static void MapStatsApi(this RouteGroupBuilder api) =>
        api.MapGet("/blogs/{handle}/stats", GetAsync).WithName("BlogStats").RequireAuthorization(AccountsFeature.ApiPolicy);

    private static async Task<Results<Ok<StatsResource>, NotFound, ForbidHttpResult, ValidationProblem>> GetAsync(
        string handle, int? days, ClaimsPrincipal user, HttpRequest request, BlogDirectory blogs, BlogAccessChecker access, VisitStats stats,
        CancellationToken ct)
    {
        if (days is { } d && !VisitStats.Periods.Contains(d))
        {
            return ApiProblems.Field("days", "days must be 30, 90 or 365.");
        }
        if (await blogs.FindAsync(handle, ct) is not { } blog)
        {
            return TypedResults.NotFound();
        }
        if ((await access.ForAsync(Viewer.From(user)!, blog, ct))?.CanSeeAllPosts != true)
        {
            return TypedResults.Forbid();
        }
        var result = await stats.ForBlogAsync(blog, days ?? 30, null, ct);
        var site = SiteAddress.From(request);
        return TypedResults.Ok(new StatsResource(result.Days, result.Total, result.Series,
            [.. result.TopPosts.Select(p => new TopPostResource(p.Id, p.Title, site.Post(blog.Handle, p.Slug), p.Visits))], result.TopReferrers));
    }
}
