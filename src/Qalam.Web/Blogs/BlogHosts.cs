using Microsoft.Net.Http.Headers;

namespace Qalam.Blogs;

// Routes a request by its host before anything else looks at its path. On a blog's host ({handle}.{domain} or a
// verified custom domain) the blog's pages are at the root, so /posts/x is handed on as /{handle}/posts/x and every
// route, cache and check downstream sees one shape of address. Requests at an address that is not the blog's
// canonical one (the path prefix once the install has a domain, the subdomain once a custom domain is the main
// address) are redirected to it permanently; the install's own pages are redirected from blog hosts to the install.
public sealed class BlogHosts(BlogAddresses addresses)
{
    // Served the same on every host: the stylesheets, scripts and fonts, and the pages that show an error.
    private static readonly string[] Shared = ["/css", "/js", "/lib", "/status", "/error", "/favicon.ico"];

    // The install's own pages, which live only at its own address (one sign-in cookie, one API origin).
    private static readonly string[] InstallOnly = ["/admin", "/api", "/openapi", "/signup", "/comments/subscriptions", "/hosting"];

    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        var match = addresses.Match(request.Host);
        return match.Kind switch
        {
            HostKind.Blog => OnBlogHostAsync(context, match.Handle!, next),
            HostKind.Unknown when !StartsWithAny(request.Path, Shared) => NotServedAsync(context),
            HostKind.Install => OnInstallHostAsync(context, next),
            HostKind.InstallAlias => Redirect(context, addresses.InstallOrigin() + request.Path.ToUriComponent() + request.QueryString),
            _ => next(context),
        };
    }

    private Task OnBlogHostAsync(HttpContext context, string handle, RequestDelegate next)
    {
        var request = context.Request;
        var path = request.Path;
        if (StartsWithAny(path, InstallOnly))
        {
            return Redirect(context, addresses.InstallOrigin() + path.ToUriComponent() + request.QueryString);
        }
        if (StartsWithAny(path, Shared))
        {
            return next(context);
        }
        // Media are shared paths too, but only the blog's own: another blog's files are not served under this address.
        if (path.StartsWithSegments("/media", out var media))
        {
            return FirstSegment(media) == handle ? next(context) : NotServedAsync(context);
        }
        var root = addresses.Root(handle);
        if (!addresses.IsOwnHost(handle, request.Host))
        {
            return Redirect(context, root + path.ToUriComponent() + request.QueryString);
        }
        // A link written while the blog lived at /{handle} (in a post's body, say) still finds its page.
        if (FirstSegment(path) == handle)
        {
            return Redirect(context, root + path.ToUriComponent()[(handle.Length + 1)..] + request.QueryString);
        }
        request.Path = path == "/" ? new PathString("/" + handle) : new PathString("/" + handle).Add(path);
        return next(context);
    }

    // /{handle}/… on the install's address belongs at the blog's own host once it has one.
    private Task OnInstallHostAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if (FirstSegment(request.Path)?.ToLowerInvariant() is { } handle && BlogHandles.Check(handle) == HandleProblem.None
            && addresses.OwnHost(handle) is not null)
        {
            var rest = request.Path.ToUriComponent()[(handle.Length + 1)..];
            return Redirect(context, addresses.Root(handle) + (rest.Length == 0 ? "/" : rest) + request.QueryString);
        }
        return next(context);
    }

    // Reading methods move for good (301); a form posted to the old address keeps its method and body (308). Targets
    // are built from escaped paths: a header holds ASCII only, and Persian slugs are not.
    private static Task Redirect(HttpContext context, string target)
    {
        var method = context.Request.Method;
        context.Response.StatusCode = HttpMethods.IsGet(method) || HttpMethods.IsHead(method)
            ? StatusCodes.Status301MovedPermanently : StatusCodes.Status308PermanentRedirect;
        context.Response.Headers[HeaderNames.Location] = target;
        return Task.CompletedTask;
    }

    private static Task NotServedAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    private static string? FirstSegment(PathString path)
    {
        var value = path.Value;
        if (string.IsNullOrEmpty(value) || value.Length < 2)
        {
            return null;
        }
        var end = value.IndexOf('/', 1);
        return value[1..(end < 0 ? value.Length : end)];
    }

    private static bool StartsWithAny(PathString path, string[] prefixes) =>
        prefixes.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));
}
