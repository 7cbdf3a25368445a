using BenchmarkDotNet.Attributes;
using Qalam.Media;
using SkiaSharp;

namespace Qalam.Bench;

// The upload pipeline on a 12-megapixel camera JPEG (4000×3000): decoding alone (the floor any pipeline pays), what
// the upload request does (ImageProcessor.Process: decode, orientation, sRGB, re-encode without metadata), and what
// MediaCopyMaker does afterwards (the three WebP copies of Media:CopyWidths), side by side.
[MemoryDiagnoser]
public class ImageBenchmarks
{
    public static readonly int[] CopyWidths = [480, 960, 1600];

    private byte[] _jpeg = null!;
    private byte[] _processed = null!;

    [GlobalSetup]
    public void Setup()
    {
        _jpeg = CameraJpeg(4000, 3000);
        _processed = ((ImageOutcome.Ready)ImageProcessor.Process(_jpeg, 40_000_000)).Image.Bytes;
    }

    [Benchmark(Baseline = true)]
    public int DecodeOnly()
    {
        using var bitmap = SKBitmap.Decode(_jpeg);
        return bitmap.Width;
    }

    [Benchmark]
    public int Upload() => ((ImageOutcome.Ready)ImageProcessor.Process(_jpeg, 40_000_000)).Image.Bytes.Length;

    [Benchmark]
    public int Copies() => ImageProcessor.Copies(_processed, CopyWidths).Sum(c => c.Length);

    // A photograph-like picture: smooth gradients with fine noise, so the JPEG is as large as a camera's (about 3–5 MB).
    public static byte[] CameraJpeg(int width, int height)
    {
        var random = new Random(12);
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        var pixels = new SKColor[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var noise = random.Next(-24, 24);
                pixels[y * width + x] = new SKColor(
                    (byte)Math.Clamp(x * 255 / width + noise, 0, 255),
                    (byte)Math.Clamp(y * 255 / height + noise, 0, 255),
                    (byte)Math.Clamp(128 + (int)(60 * Math.Sin(x / 90.0) * Math.Cos(y / 70.0)) + noise, 0, 255));
            }
        }
        bitmap.Pixels = pixels;
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 92);
        return data.ToArray();
    }
}
