using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qalam.Media;
using Qalam.Storage;
using SkiaSharp;

namespace Qalam.Tests.Media;

// Pictures drawn for the tests, and waiting for the background work on an upload.
public static class TestImages
{
    public static byte[] Png(int width, int height) => Encode(Draw(width, height, (x, y) => new SKColor((byte)(x % 256), (byte)(y % 256), 90)), SKEncodedImageFormat.Png);

    public static byte[] Jpeg(int width, int height, Func<int, int, SKColor> color) => Encode(Draw(width, height, color), SKEncodedImageFormat.Jpeg);

    // The stored file once MediaCopyMaker has been through it (or after ten seconds, as it is then).
    public static async Task<MediaFile> CopiesMadeAsync(QalamApp app, string storedName)
    {
        for (var waited = 0; ; waited++)
        {
            using var scope = app.Services.CreateScope();
            var media = await scope.ServiceProvider.GetRequiredService<QalamDb>().MediaFiles.AsNoTracking().SingleAsync(m => m.StoredName == storedName);
            if (media.CopyWidths is not null || waited > 100)
            {
                return media;
            }
            await Task.Delay(100);
        }
    }

    private static SKBitmap Draw(int width, int height, Func<int, int, SKColor> color)
    {
        var bitmap = new SKBitmap(width, height);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                bitmap.SetPixel(x, y, color(x, y));
            }
        }
        return bitmap;
    }

    private static byte[] Encode(SKBitmap bitmap, SKEncodedImageFormat format)
    {
        using (bitmap)
        using (var image = SKImage.FromBitmap(bitmap))
        using (var data = image.Encode(format, 95))
        {
            return data.ToArray();
        }
    }
}
