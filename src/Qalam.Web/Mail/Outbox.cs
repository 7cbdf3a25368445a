using Microsoft.Extensions.Options;
using Qalam.Storage;

namespace Qalam.Mail;

// Queues mail in the caller's unit of work: nothing is sent unless the caller's save succeeds.
public sealed class Outbox(QalamDb db, MailSignal signal, IOptions<MailOptions> options, TimeProvider time)
{
    public bool Enabled => options.Value.Enabled;

    public void Add(string to, string subject, string body, string? unsubscribeUrl = null)
    {
        if (!Enabled)
        {
            return;
        }
        db.Add(new OutgoingMail(to, subject, body, unsubscribeUrl, time.GetUtcNow().UtcDateTime));
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
