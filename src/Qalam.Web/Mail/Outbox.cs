using Microsoft.Extensions.Options;
using Qalam.Storage;

namespace Qalam.Mail;

// Queues mail in the caller's unit of work: nothing is sent unless the caller's save succeeds.
public sealed class Outbox(QalamDb db, MailSignal signal, IOptions<MailOptions> options, TimeProvider time)
{
    public bool Enabled => options.Value.Enabled;

    public void Add(string to, string subject, string body, string? unsubscribeUrl = null, string? html = null)
    {
        if (!Enabled)
        {
            return;
        }
        db.Add(new OutgoingMail(to, subject, body, unsubscribeUrl, time.GetUtcNow().UtcDateTime, html));
        signal.Wake();
    }

    // One message per recipient that share `body`, each with its own unsubscribe address. The caller saves.
    public void AddToMany(SharedMailBody body, IEnumerable<(string To, string UnsubscribeUrl)> recipients)
    {
        if (!Enabled)
        {
            return;
        }
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var (to, unsubscribe) in recipients)
        {
            db.Add(OutgoingMail.ToMany(to, body, unsubscribe, now));
        }
        signal.Wake();
    }
}

// Wakes the sender when this node queues mail. The mail is not committed yet at that moment, so the sender looks
// a few times over the next seconds (MailSender.AfterWake).
public sealed class MailSignal : IDisposable
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another thread woke it first.
            }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _wake.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _wake.Dispose();
}
