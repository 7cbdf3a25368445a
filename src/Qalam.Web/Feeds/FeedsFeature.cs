using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;
using Qalam.Blogs;

namespace Qalam.Feeds;

public static class FeedsFeature
{
    private const string Blog = "{blog:handle}";
    private const string File = "{file:regex(^(feed\\.xml|atom\\.xml|feed\\.json)$)}";

    public static IServiceCollection AddFeeds(this IServiceCollection services) =>
        services.AddScoped<FeedReader>().AddScoped<Sitemaps>();

    public static void MapFeeds(this WebApplication app)
    {
        app.MapGet($"/{Blog}/{File}", async (string blog, string file, HttpContext context, BlogDirectory blogs, FeedReader feeds, TimeProvider time) =>
        {
            var found = await blogs.FindAsync(blog, context.RequestAborted);
            if (found is null)
            {
                return Results.NotFound();
            }
            var format = PostPaths.FeedFormatOf(file)!.Value;
            var content = await feeds.BlogAsync(found, SiteAddress.From(context.Request), format, time.GetUtcNow().UtcDateTime, context.RequestAborted);
            return Respond(context, content, format);
        });
        app.MapGet($"/{Blog}/tags/{{tag}}/{File}", async (string blog, string tag, string file, HttpContext context, BlogDirectory blogs, FeedReader feeds, TimeProvider time) =>
        {
            var found = await blogs.FindAsync(blog, context.RequestAborted);
            var format = PostPaths.FeedFormatOf(file)!.Value;
            var content = found is null ? null
                : await feeds.TagAsync(found, tag, SiteAddress.From(context.Request), format, time.GetUtcNow().UtcDateTime, context.RequestAborted);
            return content is null ? Results.NotFound() : Respond(context, content, format);
        });
        app.MapGet($"/{Blog}/authors/{{id}}/{File}", async (string blog, string id, string file, HttpContext context, BlogDirectory blogs, FeedReader feeds, TimeProvider time) =>
        {
            var found = await blogs.FindAsync(blog, context.RequestAborted);
            var format = PostPaths.FeedFormatOf(file)!.Value;
            var content = found is null ? null
                : await feeds.AuthorAsync(found, id, SiteAddress.From(context.Request), format, time.GetUtcNow().UtcDateTime, context.RequestAborted);
            return content is null ? Results.NotFound() : Respond(context, content, format);
        });
        app.MapGet($"/{Blog}/posts/{{slug}}/{File}", async (string blog, string slug, string file, HttpContext context, BlogDirectory blogs, FeedReader feeds, TimeProvider time) =>
        {
            var found = await blogs.FindAsync(blog, context.RequestAborted);
            var format = PostPaths.FeedFormatOf(file)!.Value;
            var content = found is null ? null
                : await feeds.CommentsAsync(found, slug, SiteAddress.From(context.Request), format, time.GetUtcNow().UtcDateTime, context.RequestAborted);
            return content is null ? Results.NotFound() : Respond(context, content, format);
        });
        // Where WordPress serves its feeds, so that readers subscribed before an import keep receiving posts.
        app.MapGet($"/{Blog}/feed", (string blog, BlogAddresses addresses) => Results.Redirect(addresses.BlogFeed(blog, FeedFormat.Rss), permanent: true));
        app.MapGet($"/{Blog}/feed/atom", (string blog, BlogAddresses addresses) => Results.Redirect(addresses.BlogFeed(blog, FeedFormat.Atom), permanent: true));

        app.MapGet("/robots.txt", (HttpContext context) => Robots(SiteAddress.From(context.Request).Origin));
        app.MapGet("/sitemap.xml", async (HttpContext context, Sitemaps sitemaps) =>
            Results.Bytes(await sitemaps.IndexAsync(SiteAddress.From(context.Request), null, context.RequestAborted), "application/xml; charset=utf-8"));
        // What a blog's own host answers for /robots.txt and /sitemap.xml (BlogHosts maps them here).
        app.MapGet($"/{Blog}/robots.txt", async (string blog, HttpContext context, BlogDirectory blogs) =>
            await blogs.FindAsync(blog, context.RequestAborted) is { } found ? Robots(SiteAddress.From(context.Request).Blog(found.Handle)) : Results.NotFound());
        app.MapGet($"/{Blog}/sitemap.xml", async (string blog, HttpContext context, BlogDirectory blogs, Sitemaps sitemaps) =>
            await blogs.FindAsync(blog, context.RequestAborted) is { } found
                ? Results.Bytes(await sitemaps.IndexAsync(SiteAddress.From(context.Request), found.Id, context.RequestAborted), "application/xml; charset=utf-8")
                : Results.NotFound());
        app.MapGet($"/{Blog}/sitemap-{{page:int:min(1)}}.xml", async (string blog, int page, HttpContext context, BlogDirectory blogs, Sitemaps sitemaps) =>
        {
            var found = await blogs.FindAsync(blog, context.RequestAborted);
            var xml = found is null ? null : await sitemaps.BlogAsync(found, page, SiteAddress.From(context.Request), context.RequestAborted);
            return xml is null ? Results.NotFound() : Results.Bytes(xml, "application/xml; charset=utf-8");
        });
    }

    private static IResult Robots(string root) =>
        Results.Text($"User-agent: *\nDisallow: /admin/\nDisallow: /api/\n\nSitemap: {root}/sitemap.xml\n", "text/plain; charset=utf-8");

    // Feed readers poll: an unchanged feed answers 304 to If-None-Match (the content's hash) or If-Modified-Since.
    private static IResult Respond(HttpContext context, FeedContent content, FeedFormat format)
    {
        var body = FeedWriter.Write(content, format);
        var etag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(body))[..32]}\"");
        var lastModified = new DateTimeOffset(content.Updated.Ticks - content.Updated.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        var request = context.Request.GetTypedHeaders();
        var response = context.Response.GetTypedHeaders();
        response.ETag = etag;
        response.LastModified = lastModified;
        response.CacheControl = new CacheControlHeaderValue { NoCache = true };
        var unchanged = request.IfNoneMatch.Count > 0
            ? request.IfNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(etag, useStrongComparison: false))
            : request.IfModifiedSince is { } since && lastModified <= since;
        return unchanged ? Results.StatusCode(StatusCodes.Status304NotModified) : Results.Bytes(body, PostPaths.MediaType(format) + "; charset=utf-8");
    }
}
