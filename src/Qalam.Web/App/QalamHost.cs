using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.WebEncoders;
using Microsoft.Net.Http.Headers;
using Qalam.Accounts;
using Qalam.Admin;
using Qalam.Api;
using Qalam.BlogPages;
using Qalam.Blogs;
using Qalam.Comments;
using Qalam.Feeds;
using Qalam.Http;
using Qalam.Import;
using Qalam.Localization;
using Qalam.Mail;
using Qalam.Media;
using Qalam.Operator;
using Qalam.Posts;
using Qalam.Reading;
using Qalam.SampleContent;
using Qalam.Search;
using Qalam.Signup;
using Qalam.Similar;
using Qalam.Storage;
using Qalam.Subscriptions;
using Qalam.Themes;
using Qalam.Visits;

namespace Qalam.App;

public static class QalamHost
{
    public static void AddQalam(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddStorage();
        builder.AddTrustedProxies();
        builder.Services.AddSingleton<SlidingLimits>();
        builder.Services.AddRazorPages(options =>
        {
            options.RootDirectory = "/";
            // "page" is reserved by Razor Pages, so list pages are numbered in the path, as WordPress does.
            options.AddReadingRoutes();
            options.AddPostsRoutes();
            options.Conventions.Add(new RouteValuesFromRoute());
        }).AddMvcOptions(options =>
        {
            options.Filters.Add<MethodNotAllowed>();
            options.AddThemePreview();
            options.ModelBinderProviders.Insert(0, new CleanTextBinderProvider());
        });
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new CleanTextJsonConverter()));
        // Persian text is written as characters, not as a wall of &#x…; entities (the encoder still escapes markup).
        builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.AddAccounts().AddBlogs().AddPosts().AddComments().AddVisits().AddSimilar().AddSearch().AddApi().AddAdmin().AddReading().AddThemes().AddBlogPages().AddMedia().AddImport().AddFeeds().AddMail().AddSubscriptions().AddOperator().AddSignup();
        builder.AddSampleContent();
    }

    public static void MapQalam(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error");
        }
        // Readers get a page in the blog's language; API clients get problem details (RFC 9457) as JSON.
        // (The inner API handler writes a body first, so the outer re-execution leaves API responses alone.)
        app.UseStatusCodePagesWithReExecute("/status/{0}");
        app.UseWhen(c => IsApi(c.Request), api => api.UseStatusCodePages());
        app.UseTrustedProxies();
        // Inside the proxies' step (which consumes X-Forwarded-For) and outside everything that sets headers again.
        app.UseTransientRetry();
        app.UseSecurityHeaders(https: app.Services.GetRequiredService<BlogAddresses>().ConfiguredForHttps);
        app.Use(MalformedRequests.ApplyAsync);
        app.UseBlogHosts();
        app.UseBlogSuspension();
        app.UsePostPageCache();
        app.UseStaticFiles(new StaticFileOptions
        {
            // Fonts and libraries are versioned by npm and stylesheets by asp-append-version: cache them for a year.
            OnPrepareResponse = context => context.Context.Response.Headers[HeaderNames.CacheControl] = "public,max-age=31536000,immutable",
        });
        // After static files, which never need the lookup of an old address.
        app.UseLegacyRedirects();
        app.UseRequestLocalization(new RequestLocalizationOptions()
            .SetDefaultCulture(Languages.English)
            .AddSupportedCultures([.. Languages.Supported])
            .AddSupportedUICultures([.. Languages.Supported]));
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseOutputCache();
        app.MapRazorPages();
        app.MapApiRoutes();
        app.MapMedia();
        app.MapThemes();
        app.MapFeeds();
        app.MapSignup();
        app.MapHostingChecks();
    }

    private static bool IsApi(HttpRequest request) =>
        request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        || request.Path.StartsWithSegments("/openapi", StringComparison.OrdinalIgnoreCase);
}
