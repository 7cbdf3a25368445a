using System.Text.RegularExpressions;
using Microsoft.Net.Http.Headers;

namespace Qalam.Media;

public static partial class MediaFeature
{
    public static IServiceCollection AddMedia(this IServiceCollection services)
    {
        services.AddOptions<MediaOptions>().BindConfiguration(MediaOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services.AddScoped<MediaLibrary>().AddSingleton<MediaCopies>().AddHostedService<MediaCopyMaker>()
            .AddScoped<Posts.IPostImages, PostImages>().AddScoped<PersonPhotos>();
    }

    // Uploaded images, under the address of the blog they belong to, cached for a year (names never change).
    public static void MapMedia(this WebApplication app)
    {
        // People's photos: a literal segment no blog handle can take (handles start with a letter or digit).
        app.MapGet("/media/" + PersonPhotos.Folder + "/{name}", (string name, PersonPhotos photos, HttpContext context) =>
        {
            if (!PhotoName().IsMatch(name) || photos.Open(name) is not { } path)
            {
                return Results.NotFound();
            }
            context.Response.Headers[HeaderNames.CacheControl] = "public,max-age=31536000,immutable";
            return Results.File(path, "image/webp");
        }).ExcludeFromDescription();
        app.MapGet("/media/{handle}/{name}", async (string handle, string name, MediaLibrary media, HttpContext context, CancellationToken ct) =>
        {
            if (!StoredName().IsMatch(name) || await media.OpenAsync(handle, name, ct) is not { } file)
            {
                return Results.NotFound();
            }
            // A copy not made yet answers with the original, kept only a minute, so the copy takes its place soon.
            context.Response.Headers[HeaderNames.CacheControl] = file.Fallback ? "public,max-age=60" : "public,max-age=31536000,immutable";
            return Results.File(file.Path, file.ContentType, enableRangeProcessing: true);
        }).ExcludeFromDescription();
    }

    [GeneratedRegex("^[0-9a-f]{32}(-64)?\\.webp$", RegexOptions.CultureInvariant)]
    private static partial Regex PhotoName();

    [GeneratedRegex("^[0-9a-f]{32}(\\.(png|jpg|gif|webp)|-[0-9]{2,4}\\.webp)$", RegexOptions.CultureInvariant)]
    private static partial Regex StoredName();
}
