using System.ComponentModel.DataAnnotations;

namespace Qalam.Visits;

public sealed class VisitOptions
{
    public const string Section = "Visits";

    // Counting can be switched off (for example to measure what it costs); pages then show the stored counts.
    public bool Counting { get; set; } = true;

    // How long counted visits wait in memory before one batch writes them. A crash loses at most this much;
    // a graceful stop (SIGTERM) writes everything first.
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);
}
