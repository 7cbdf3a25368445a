using System.ComponentModel.DataAnnotations;

namespace Qalam.Comments;

// Install-wide limits of the comment screen; each blog's own choices (policy, blocklist, links) are in its settings.
public sealed class CommentOptions
{
    public const string Section = "Comments";

    // A form sent sooner than this after the page was made was filled by a program, not read and answered.
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan MinimumFormAge { get; set; } = TimeSpan.FromSeconds(3);

    // A form older than this is refused (its text kept) and the reader asked to send it again.
    [Range(typeof(TimeSpan), "00:10:00", "30.00:00:00")]
    public TimeSpan MaximumFormAge { get; set; } = TimeSpan.FromDays(2);

    // Comments each address may send within AddressWindow, and each blog may receive within BlogWindow, per node.
    [Range(1, 100_000)]
    public int AddressLimit { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan AddressWindow { get; set; } = TimeSpan.FromMinutes(5);

    [Range(1, 1_000_000)]
    public int BlogLimit { get; set; } = 60;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan BlogWindow { get; set; } = TimeSpan.FromMinutes(5);

    // The learning filter says nothing until it was taught at least this many spam and this many good comments.
    [Range(1, 10_000)]
    public int FilterMinimumLessons { get; set; } = 5;

    // Scores from the learning filter at or above which a comment goes to spam, or is held.
    [Range(0.5, 1.0)]
    public double FilterSpamScore { get; set; } = 0.9;

    [Range(0.5, 1.0)]
    public double FilterHoldScore { get; set; } = 0.7;

    // How often the digest worker looks for blogs whose daily digest is due.
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan DigestCheckInterval { get; set; } = TimeSpan.FromMinutes(5);
}
