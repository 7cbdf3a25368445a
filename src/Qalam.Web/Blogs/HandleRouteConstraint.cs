namespace Qalam.Blogs;

// {blog:handle}: the one route constraint for a blog's handle in an address, registered once (BlogsFeature) instead of
// a regular expression copied into every route. Case is not checked here, as addresses are looked up lower-cased.
public sealed class HandleRouteConstraint : IRouteConstraint
{
    public const string Name = "handle";

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        values.TryGetValue(routeKey, out var value) && value is string handle && BlogHandles.HasShape(handle.ToLowerInvariant());
}
