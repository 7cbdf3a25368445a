using Qalam.BlogPages.Api;
using Qalam.Blogs;
using Qalam.Comments;
using Qalam.Media.Api;
using Qalam.Posts.Api;
using Qalam.Search;
using Qalam.Signup;
using Qalam.Visits;

namespace Qalam.App;

// The JSON API's one group, /api/v1 (PRODUCT.md's public contract): each feature maps its own endpoints into it.
public static class ApiRoutes
{
    public static void MapApiRoutes(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        var api = app.MapGroup("/api/v1").WithTags("v1");
        api.MapBlogsApi();
        api.MapBlogsStartApi();
        api.MapPostsApi();
        api.MapPagesApi();
        api.MapMediaApi();
        api.MapCommentsApi();
        api.MapSearchApi();
        api.MapStatsApi();
    }
}
