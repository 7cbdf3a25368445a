using System.Diagnostics;
using System.Globalization;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Qalam.Storage;

namespace Qalam.Mail;

// Delivers the outbox through the install's SMTP server. Each message is claimed by one conditional update before
// it is sent, so several nodes can run this at once; a failed attempt is retried later with a growing pause.
public sealed class MailSender(MailSignal signal, IServiceScopeFactory scopes, IOptions<MailOptions> options, TimeProvider time,
    ILogger<MailSender> logger) : BackgroundService
{
    public const int MaxAttempts = 8;
    private const int Batch = 50;
    private readonly SendingPace _pace = new();
    private static readonly TimeSpan[] AfterWake = [TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (settings.Configured && !settings.HasPublicOrigin)
        {
            logger.LogWarning("Mail:Host is set but neither Hosting:Domain nor Qalam:PublicOrigin is: no mail is sent (its links would " +
                "have to come from whatever host a request names), so sign-up is closed and nobody is told of comments. Set one of them.");
        }
        if (!settings.Enabled)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            var woken = await signal.WaitAsync(settings.PollInterval, stoppingToken);
            try
            {
                if (!woken)
                {
                    await DrainAsync(settings, stoppingToken);
                    continue;
                }
                // The mail that woke us is committed within moments; once a pass finds it, the rest need not look.
                foreach (var pause in AfterWake)
                {
                    await Task.Delay(pause, stoppingToken);
                    if (await DrainAsync(settings, stoppingToken) > 0)
                    {
                        break;
                    }
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Looking at the mail outbox failed.");
            }
        }
    }

    // Sends batch after batch while full ones keep coming (a post to many subscribers); returns how many were due.
    private async Task<int> DrainAsync(MailOptions settings, CancellationToken cancellationToken)
    {
        var total = 0;
        int found;
        do
        {
            found = await SendDueAsync(settings, cancellationToken);
            total += found;
        }
        while (found == Batch && !cancellationToken.IsCancellationRequested);
        return total;
    }

    // Returns how many messages it found due.
    private async Task<int> SendDueAsync(MailOptions settings, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QalamDb>();
        var now = time.GetUtcNow().UtcDateTime;
        var due = await db.Outbox.AsNoTracking()
            .Where(m => m.SentAt == null && m.Attempts < MaxAttempts && m.NextAttemptAt <= now)
            .OrderBy(m => m.Id).Take(Batch)
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }
        var sharedIds = due.Where(m => m.SharedBodyId is not null).Select(m => m.SharedBodyId!.Value).Distinct().ToList();
        var shared = sharedIds.Count == 0 ? [] : await db.SharedMailBodies.AsNoTracking().Where(b => sharedIds.Contains(b.Id))
            .ToDictionaryAsync(b => b.Id, cancellationToken);
        using var client = new SmtpClient { Timeout = (int)(settings.ClaimFor / 2).TotalMilliseconds };
        foreach (var mail in due)
        {
            await _pace.WaitAsync(settings.MaxPerMinute, cancellationToken);
            var claimedUntil = time.GetUtcNow().UtcDateTime + settings.ClaimFor;
            var claimed = await db.Outbox
                .Where(m => m.Id == mail.Id && m.SentAt == null && m.NextAttemptAt == mail.NextAttemptAt)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, claimedUntil).SetProperty(m => m.Attempts, m => m.Attempts + 1), cancellationToken);
            if (claimed == 0)
            {
                continue;
            }
            try
            {
                if (!client.IsConnected)
                {
                    await client.ConnectAsync(settings.Host!, settings.Port, SocketOptions(settings.Security), cancellationToken);
                    if (!string.IsNullOrEmpty(settings.UserName))
                    {
                        await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", cancellationToken);
                    }
                }
                await client.SendAsync(Message(mail, mail.SharedBodyId is { } bodyId ? shared.GetValueOrDefault(bodyId) : null, settings), cancellationToken);
                var sentAt = time.GetUtcNow().UtcDateTime;
                await db.Outbox.Where(m => m.Id == mail.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, sentAt).SetProperty(m => m.LastError, (string?)null), cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Exponential pause: 1, 2, 4 … minutes; after MaxAttempts the message stays in the outbox, unsent.
                var retryAt = time.GetUtcNow().UtcDateTime + TimeSpan.FromMinutes(Math.Pow(2, mail.Attempts));
                var error = e.Message.Length > 1000 ? e.Message[..1000] : e.Message;
                await db.Outbox.Where(m => m.Id == mail.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, retryAt).SetProperty(m => m.LastError, error), cancellationToken);
                logger.LogWarning(e, "Mail {Id} to {To} was not sent (attempt {Attempt}).", mail.Id, mail.To, mail.Attempts + 1);
                if (client.IsConnected)
                {
                    await client.DisconnectAsync(quit: false, CancellationToken.None);
                }
            }
        }
        if (client.IsConnected)
        {
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        return due.Count;
    }

    // The Message-Id is the outbox row's, so a message sent again after a node died between handing it to the server
    // and recording that (the one window no database can close) is recognisably the same message.
    private static MimeMessage Message(OutgoingMail mail, SharedMailBody? shared, MailOptions settings)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(settings.FromName, settings.From));
        message.To.Add(MailboxAddress.Parse(mail.To));
        message.Subject = mail.Subject;
        message.MessageId = string.Create(CultureInfo.InvariantCulture, $"outbox-{mail.Id}.{mail.CreatedAt.Ticks}@{MailboxAddress.Parse(settings.From).Domain}");
        var text = shared?.Text ?? mail.Body;
        var html = shared?.Html ?? mail.Html;
        if (mail.UnsubscribeUrl is { } link)
        {
            text = text.Replace(SharedMailBody.UnsubscribeMark, link, StringComparison.Ordinal);
            html = html?.Replace(SharedMailBody.UnsubscribeMark, System.Net.WebUtility.HtmlEncode(link), StringComparison.Ordinal);
        }
        var builder = new BodyBuilder { TextBody = text, HtmlBody = html };
        message.Body = builder.ToMessageBody();
        if (mail.UnsubscribeUrl is { } unsubscribe)
        {
            message.Headers.Add("List-Unsubscribe", $"<{unsubscribe}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        message.Headers.Add("Auto-Submitted", "auto-generated");
        return message;
    }

    private static SecureSocketOptions SocketOptions(MailSecurity security) => security switch
    {
        MailSecurity.None => SecureSocketOptions.None,
        MailSecurity.StartTls => SecureSocketOptions.StartTls,
        MailSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };
}

// Spaces messages evenly to keep to Mail:MaxPerMinute on this node. Measured on the machine's monotonic clock, not
// the TimeProvider: it paces real sockets, and a test's frozen clock must not stop the mail.
internal sealed class SendingPace
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _next = TimeSpan.Zero;

    public async Task WaitAsync(int perMinute, CancellationToken cancellationToken)
    {
        if (perMinute <= 0)
        {
            return;
        }
        var now = _clock.Elapsed;
        if (_next > now)
        {
            await Task.Delay(_next - now, cancellationToken);
        }
        _next = (_next > now ? _next : now) + TimeSpan.FromMinutes(1.0 / perMinute);
    }
}
