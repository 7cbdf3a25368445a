using System.ComponentModel.DataAnnotations;

namespace Qalam.Media;

public sealed class MediaOptions
{
    public const string Section = "Media";

    // Where uploaded files are kept. Default: the app's data/media folder. Several web nodes need a shared folder.
    public string? Directory { get; set; }

    [Range(1, 100 * 1024 * 1024)]
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;
}
