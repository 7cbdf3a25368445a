using System.Text.RegularExpressions;
using Microsoft.Net.Http.Headers;

namespace Qalam.Media;

public static partial class MediaFeature
{
    public static IServiceCollection AddMedia(this IServiceCollection services)
    {
        services.AddOptions<MediaOptions>().BindConfiguration(MediaOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services.AddScoped<MediaLibrary>();
    }

    // Uploaded images, under the address of the blog they belong to, cached for a year (names never change).
    public static void MapMedia(this WebApplication app) =>
        app.MapGet("/media/{handle}/{name}", async (string handle, string name, MediaLibrary media, HttpContext context, CancellationToken ct) =>
        {
            if (!StoredName().IsMatch(name) || await media.OpenAsync(handle, name, ct) is not { } file)
            {
                return Results.NotFound();
            }
            context.Response.Headers[HeaderNames.CacheControl] = "public,max-age=31536000,immutable";
            return Results.File(file.Path, file.ContentType, enableRangeProcessing: true);
        }).ExcludeFromDescription();

    [GeneratedRegex("^[0-9a-f]{32}\\.(png|jpg|gif|webp)$", RegexOptions.CultureInvariant)]
    private static partial Regex StoredName();
}
