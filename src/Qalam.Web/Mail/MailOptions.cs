using System.ComponentModel.DataAnnotations;

namespace Qalam.Mail;

public enum MailSecurity
{
    // STARTTLS when the server offers it (MailKit's Auto).
    Auto,
    None,
    StartTls,
    SslOnConnect,
}

// The install's SMTP server. Without a Host no mail is queued or sent, and the pages that would promise mail
// (reply notifications) do not offer it.
public sealed class MailOptions
{
    public const string Section = "Mail";

    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    public MailSecurity Security { get; set; } = MailSecurity.Auto;
    public string? UserName { get; set; }
    public string? Password { get; set; }

    [EmailAddress]
    public string From { get; set; } = "qalam@localhost";

    public string FromName { get; set; } = "Qalam";

    // How often the outbox is looked at for mail left by other nodes or failed attempts; mail queued on this node
    // is sent at once.
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    // At most this many messages a minute leave this node (0: as fast as the server takes them), so a post to many
    // subscribers does not trip the SMTP provider's limits. Several nodes each keep to it.
    [Range(0, 1_000_000)]
    public int MaxPerMinute { get; set; } = 600;

    // A node that takes a message to send holds it this long; a node that dies holding one leaves it to the others
    // after this time. The SMTP conversation for one message must end well within it (it is given half).
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan ClaimFor { get; set; } = TimeSpan.FromMinutes(5);

    // Set from Hosting:Domain and Qalam:PublicOrigin (MailFeature): every mail carries links, and links come from
    // the install's settings, never from a request's Host header.
    public bool HasPublicOrigin { get; set; }

    public bool Configured => !string.IsNullOrWhiteSpace(Host);

    public bool Enabled => Configured && HasPublicOrigin;
}
