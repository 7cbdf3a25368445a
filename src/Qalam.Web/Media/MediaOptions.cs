using System.ComponentModel.DataAnnotations;

namespace Qalam.Media;

public sealed class MediaOptions
{
    public const string Section = "Media";

    // Where uploaded files are kept. Default: the app's data/media folder. Several web nodes need a shared folder.
    public string? Directory { get; set; }

    [Range(1, 100 * 1024 * 1024)]
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    // The most pixels an upload may claim, read from its header before it is decoded (a decompression bomb is refused
    // before it costs memory). 40 megapixels is above what phones and most cameras take.
    [Range(1, 500_000_000)]
    public long MaxPixels { get; set; } = 40_000_000;

    // The widths of the WebP copies made of each image (those narrower than the image itself).
    public int[] CopyWidths { get; set; } = [480, 960, 1600];
}
