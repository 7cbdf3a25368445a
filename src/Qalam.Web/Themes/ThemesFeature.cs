using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Qalam.Accounts;
using Qalam.Blogs;
using Qalam.Shared;
using Qalam.Storage;

namespace Qalam.Themes;

public static class ThemesFeature
{
    public static IServiceCollection AddThemes(this IServiceCollection services) => services.AddScoped<ThemePreview>();

    public static MvcOptions AddThemePreview(this MvcOptions options)
    {
        options.Filters.AddService<ThemePreview>();
        return options;
    }

    // A blog's own style sheet, under a name made of its hash: kept for a year by browsers and proxies, since a new
    // sheet has a new name. An old name (a page cached before the change) gets the current sheet, briefly cached.
    public static void MapThemes(this WebApplication app) =>
        app.MapGet("/{blog:handle}/style/{hash}.css", async (string blog, string hash, QalamDb db, HttpContext context, CancellationToken ct) =>
        {
            var lower = blog.ToLowerInvariant();
            var sheet = await db.Blogs.AsNoTracking().Where(Blog.Public).Where(b => b.Handle == lower && b.CustomCssHash != null)
                .Select(b => new { b.CustomCssHash, b.CustomCssServed }).SingleOrDefaultAsync(ct);
            if (sheet is null)
            {
                return Results.NotFound();
            }
            context.Response.Headers[HeaderNames.CacheControl] = sheet.CustomCssHash == hash ? "public,max-age=31536000,immutable" : "public,max-age=60";
            return Results.Text(sheet.CustomCssServed, "text/css; charset=utf-8");
        }).ExcludeFromDescription();
}

// The blog's owner looks at their blog in another theme before choosing it: a reader page asked for with
// ?preview-theme= (and ?preview-scheme=) by someone who may manage the blog is shown in that theme, and may be framed
// by the install's own pages (the appearance page shows it). For anyone else the parameters change nothing. Such a
// request is never cached: the person is signed in, which the output cache and PostPageCache both leave alone.
public sealed class ThemePreview(BlogAccessChecker access) : IAsyncPageFilter
{
    public const string ThemeParameter = "preview-theme";
    public const string SchemeParameter = "preview-scheme";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        var request = context.HttpContext.Request;
        if (!request.Query.TryGetValue(ThemeParameter, out var theme) || !BlogThemes.IsKnown(theme.ToString())
            || executed.Result is not (PageResult or null)
            || Viewer.From(context.HttpContext.User) is not { } viewer
            || executed.HandlerInstance is not PageModel page
            || page.ViewData is not { } viewData
            || PageChrome.Of(viewData) is not { Blog: { } blog } chrome)
        {
            return;
        }
        if (await access.ForAsync(viewer, blog, context.HttpContext.RequestAborted) is not { CanManageBlog: true })
        {
            return;
        }
        var scheme = Enum.TryParse<ColorScheme>(request.Query[SchemeParameter].ToString(), ignoreCase: true, out var chosen) && Enum.IsDefined(chosen)
            ? chosen : blog.Look.Scheme;
        (chrome with { Blog = blog with { Look = blog.Look with { Theme = theme.ToString(), Scheme = scheme } }, NoIndex = true }).ApplyTo(viewData);
        Http.SecurityHeaders.AllowFramingBySelf(context.HttpContext.Response);
    }
}
