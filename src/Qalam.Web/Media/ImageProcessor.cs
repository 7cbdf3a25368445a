using SkiaSharp;

namespace Qalam.Media;

public enum ImageRefusal
{
    NotAnImage,
    TooManyPixels,
}

public sealed record ProcessedImage(byte[] Bytes, string ContentType, string Extension, int Width, int Height, bool Animated);

public abstract record ImageOutcome
{
    public sealed record Ready(ProcessedImage Image) : ImageOutcome;
    public sealed record Refused(ImageRefusal Why) : ImageOutcome;
}

// Every uploaded image is decoded and written again by Skia (SkiaSharp, MIT; its native library ships in the
// package, nothing from the system): what is kept is the picture alone. EXIF (GPS position included), XMP and
// comments are not carried over, the camera's orientation is applied to the pixels first, and colours are converted
// to sRGB. The size is read from the header before anything is decoded, so a small file that claims a huge picture (a
// decompression bomb) costs nothing. An animated GIF is kept as uploaded (re-encoding would lose its frames; GIF has
// no EXIF or GPS to carry) and gets no copies.
public static class ImageProcessor
{
    public const int JpegQuality = 88;
    public const int WebpQuality = 82;

    public static ImageOutcome Process(byte[] upload, long maxPixels)
    {
        using var data = SKData.CreateCopy(upload);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.Info.Width <= 0 || codec.Info.Height <= 0)
        {
            return new ImageOutcome.Refused(ImageRefusal.NotAnImage);
        }
        if ((long)codec.Info.Width * codec.Info.Height > maxPixels)
        {
            return new ImageOutcome.Refused(ImageRefusal.TooManyPixels);
        }
        var format = codec.EncodedFormat;
        if (format == SKEncodedImageFormat.Gif && codec.FrameCount > 1)
        {
            return new ImageOutcome.Ready(new ProcessedImage(upload, "image/gif", ".gif", codec.Info.Width, codec.Info.Height, Animated: true));
        }
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, codec.Info.AlphaType == SKAlphaType.Opaque ? SKAlphaType.Opaque : SKAlphaType.Premul,
            SKColorSpace.CreateSrgb());
        using var decoded = new SKBitmap(info);
        var result = codec.GetPixels(info, decoded.GetPixels());
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            return new ImageOutcome.Refused(ImageRefusal.NotAnImage);
        }
        using var oriented = codec.EncodedOrigin == SKEncodedOrigin.TopLeft ? null : Orient(decoded, codec.EncodedOrigin);
        var upright = oriented ?? decoded;
        var (type, extension, encodeAs, quality) = format switch
        {
            SKEncodedImageFormat.Jpeg => ("image/jpeg", ".jpg", SKEncodedImageFormat.Jpeg, JpegQuality),
            SKEncodedImageFormat.Webp => ("image/webp", ".webp", SKEncodedImageFormat.Webp, WebpQuality),
            // PNG, a still GIF, BMP and the rest become PNG: lossless, and every browser shows it.
            _ => ("image/png", ".png", SKEncodedImageFormat.Png, 100),
        };
        return new ImageOutcome.Ready(new ProcessedImage(Encode(upright, encodeAs, quality), type, extension, upright.Width, upright.Height, Animated: false));
    }

    // A WebP copy `width` pixels wide (never wider than the original), from an image Process already wrote.
    public static byte[] Copy(byte[] processed, int width) => Copies(processed, [width])[0];

    // WebP copies at each width, from one decoding: a JPEG is decoded straight at the smallest size its decoder offers
    // (1/2, 1/4, 1/8) that is still at least as wide as the widest copy, which costs a fraction of a full decode.
    public static IReadOnlyList<byte[]> Copies(byte[] processed, IReadOnlyList<int> widths)
    {
        using var data = SKData.CreateCopy(processed);
        using var codec = SKCodec.Create(data) ?? throw new InvalidDataException("The stored image cannot be read.");
        var widest = widths.Max();
        var size = codec.GetScaledDimensions((float)widest / codec.Info.Width);
        if (size.Width < widest)
        {
            size = codec.Info.Size;
        }
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888,
            codec.Info.AlphaType == SKAlphaType.Opaque ? SKAlphaType.Opaque : SKAlphaType.Premul, SKColorSpace.CreateSrgb());
        using var source = new SKBitmap(info);
        if (codec.GetPixels(info, source.GetPixels()) is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            throw new InvalidDataException("The stored image cannot be read.");
        }
        var copies = new byte[widths.Count][];
        for (var i = 0; i < widths.Count; i++)
        {
            var height = Math.Max(1, (int)Math.Round((double)codec.Info.Height * widths[i] / codec.Info.Width));
            using var scaled = source.Resize(new SKImageInfo(widths[i], height, source.ColorType, source.AlphaType, source.ColorSpace),
                new SKSamplingOptions(SKCubicResampler.Mitchell));
            copies[i] = Encode(scaled, SKEncodedImageFormat.Webp, WebpQuality);
        }
        return copies;
    }

    // A square WebP picture `size` pixels wide cut from the middle of an image Process already wrote (a person's photo):
    // the shorter side is kept whole, the longer one trimmed equally on both ends. The first frame of an animation.
    public static byte[] Square(byte[] processed, int size)
    {
        using var data = SKData.CreateCopy(processed);
        using var codec = SKCodec.Create(data) ?? throw new InvalidDataException("The stored image cannot be read.");
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888,
            codec.Info.AlphaType == SKAlphaType.Opaque ? SKAlphaType.Opaque : SKAlphaType.Premul, SKColorSpace.CreateSrgb());
        using var source = new SKBitmap(info);
        if (codec.GetPixels(info, source.GetPixels()) is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            throw new InvalidDataException("The stored image cannot be read.");
        }
        var side = Math.Min(source.Width, source.Height);
        var from = SKRectI.Create((source.Width - side) / 2, (source.Height - side) / 2, side, side);
        using var square = new SKBitmap(new SKImageInfo(size, size, source.ColorType, source.AlphaType, source.ColorSpace));
        using (var canvas = new SKCanvas(square))
        {
            using var image = SKImage.FromBitmap(source);
            canvas.DrawImage(image, from, SKRect.Create(size, size), new SKSamplingOptions(SKCubicResampler.Mitchell));
        }
        return Encode(square, SKEncodedImageFormat.Webp, WebpQuality);
    }

    private static byte[] Encode(SKBitmap bitmap, SKEncodedImageFormat format, int quality)
    {
        using var image = SKImage.FromBitmap(bitmap);
        using var encoded = image.Encode(format, quality) ?? throw new InvalidOperationException($"Skia could not write {format}.");
        return encoded.ToArray();
    }

    // The EXIF orientation, applied to the pixels (the tag itself is not written again).
    private static SKBitmap Orient(SKBitmap source, SKEncodedOrigin origin)
    {
        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var result = new SKBitmap(new SKImageInfo(swap ? source.Height : source.Width, swap ? source.Width : source.Height, source.ColorType, source.AlphaType, source.ColorSpace));
        using var canvas = new SKCanvas(result);
        var (w, h) = (source.Width, source.Height);
        // Where the pixel at (x, y) goes: scaleX, skewX, transX / skewY, scaleY, transY.
        canvas.SetMatrix(origin switch
        {
            SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
            SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
            _ => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
        });
        canvas.DrawBitmap(source, 0, 0);
        return result;
    }
}
