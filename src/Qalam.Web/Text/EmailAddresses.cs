using System.Net.Mail;

namespace Qalam.Text;

// The one rule for an address people type (comment forms, sign-up, invitations): one mailbox, written exactly as
// parsed, at a host with a dot (so "name@localhost" and display-name forms are refused).
public static class EmailAddresses
{
    public static bool IsValid(string trimmed) =>
        MailAddress.TryCreate(trimmed, out var parsed) && parsed.Address == trimmed && parsed.Host.Contains('.', StringComparison.Ordinal);
}
