using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Qalam.Blogs;
using Qalam.Http;
using Qalam.Localization;
using Qalam.Mail;
using Qalam.Storage;

namespace Qalam.Subscriptions;

public enum SubscribeAnswer
{
    // "If the address can be subscribed, a confirmation is on its way": the same for new, pending and known addresses.
    Sent,
    InvalidAddress,
    Throttled,
    NoMail,
}

public sealed class SubscriptionOptions
{
    public const string Section = "Subscriptions";

    // How often each node looks for posts that went live and digests that are due, and continues unfinished sends.
    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    // Recipients queued per transaction (each batch is claimed whole).
    [System.ComponentModel.DataAnnotations.Range(1, 10_000)]
    public int Batch { get; set; } = 500;

    // The most one import may bring in.
    [System.ComponentModel.DataAnnotations.Range(1, 1_000_000)]
    public int ImportLimit { get; set; } = 100_000;
}

// Sign-up, confirmation and leaving, per sender address and per email address; across all nodes with Redis, per
// node without it (see docs/security.md).
public sealed class SubscriptionLimits(SlidingLimits limits) : IDisposable
{
    public SlidingLimit<string> Sender { get; } = limits.Create<string>("subscribe-sender", 10, TimeSpan.FromMinutes(15));

    public SlidingLimit<string> Address { get; } = limits.Create<string>("subscribe-address", 3, TimeSpan.FromHours(24));

    // Confirm and unsubscribe pages, per sender: tokens cannot be guessed, but nobody needs hundreds of tries.
    public SlidingLimit<string> Pages { get; } = limits.Create<string>("subscription-pages", 60, TimeSpan.FromMinutes(15));

    public void Dispose()
    {
        Sender.Dispose();
        Address.Dispose();
        Pages.Dispose();
    }
}

// A blog's email subscribers as readers meet them: subscribe (double opt-in), confirm, change how often, leave.
// Addresses never leave this class toward readers; every answer is the same whether an address was known or not.
public sealed class SubscriberDirectory(QalamDb db, Outbox outbox, BlogAddresses addresses, SubscriptionLimits limits, TimeProvider time)
{
    public bool Enabled => outbox.Enabled;

    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    public static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public async Task<SubscribeAnswer> SubscribeAsync(BlogView blog, string? email, SubscriberMode mode, string? sender, CancellationToken cancellationToken)
    {
        var address = Normalize(email ?? "");
        if (address.Length > Subscriber.EmailMaxLength || !Text.EmailAddresses.IsValid(address))
        {
            return SubscribeAnswer.InvalidAddress;
        }
        if (!outbox.Enabled)
        {
            return SubscribeAnswer.NoMail;
        }
        if (!await limits.Sender.TryTakeAsync(sender ?? "") || !await limits.Address.TryTakeAsync($"{blog.Id}:{address}"))
        {
            return SubscribeAnswer.Throttled;
        }
        var now = time.GetUtcNow().UtcDateTime;
        var subscriber = await db.Subscribers.SingleOrDefaultAsync(s => s.BlogId == blog.Id && s.Email == address, cancellationToken);
        if (subscriber is null)
        {
            subscriber = new Subscriber(blog.Id, address, mode, NewToken(), SubscriberSource.Form, now);
            db.Subscribers.Add(subscriber);
        }
        else if (subscriber.IsActive)
        {
            // Already subscribed: nothing is mailed (a stranger could otherwise mail someone at will), and the answer
            // says nothing different. The person changes how often from the links in the mail they get.
            return SubscribeAnswer.Sent;
        }
        else
        {
            subscriber.Restart(mode, now);
        }
        QueueConfirmation(blog, subscriber, now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same address asked twice at once: the other request made the subscriber and mailed it.
            db.ChangeTracker.Clear();
        }
        return SubscribeAnswer.Sent;
    }

    // The confirmation mail, in the blog's language. The caller saves.
    internal void QueueConfirmation(BlogView blog, Subscriber subscriber, DateTime now)
    {
        var text = UiText.For(blog.Language);
        var link = ManageAddress(blog.Handle, subscriber.Token);
        var body = new StringBuilder()
            .AppendLine(text["Subscribe.Mail.Intro", blog.Title])
            .AppendLine()
            .AppendLine(link)
            .AppendLine()
            .AppendLine(text["Subscribe.Mail.Ignore"])
            .ToString();
        var html = SubscriberMail.Frame(blog, text, $"""
            <p>{Encode(text["Subscribe.Mail.Intro", blog.Title])}</p>
            <p><a href="{Encode(link)}" style="display:inline-block;background:#8a3b12;color:#ffffff;padding:10px 18px;border-radius:6px;text-decoration:none">{Encode(text["Subscribe.Mail.Button"])}</a></p>
            <p style="color:#6b625a">{Encode(text["Subscribe.Mail.Ignore"])}</p>
            """, footer: null);
        outbox.Add(subscriber.Email, text["Subscribe.Mail.Subject", blog.Title], body, html: html);
        subscriber.ConfirmationSent(now);
    }

    public Task<Subscriber?> FindAsync(int blogId, string token, CancellationToken cancellationToken) =>
        token.Length is < 20 or > 64
            ? Task.FromResult<Subscriber?>(null)
            : db.Subscribers.SingleOrDefaultAsync(s => s.Token == token && s.BlogId == blogId, cancellationToken);

    public async Task ConfirmAsync(Subscriber subscriber, CancellationToken cancellationToken)
    {
        subscriber.Confirm(time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task ChangeModeAsync(Subscriber subscriber, SubscriberMode mode, CancellationToken cancellationToken)
    {
        subscriber.ChangeMode(mode);
        await db.SaveChangesAsync(cancellationToken);
    }

    // The row stays (marked) so the owner's counts over time stay true and an import cannot bring the person back.
    public async Task UnsubscribeAsync(Subscriber subscriber, CancellationToken cancellationToken)
    {
        subscriber.Unsubscribe(time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
    }

    public string ManageAddress(string handle, string token) => ManageAddress(addresses, handle, token);

    // The one place the subscription link is made. Absolute, from the install's settings (never a request's Host): it
    // travels in mail.
    public static string ManageAddress(BlogAddresses addresses, string handle, string token) =>
        addresses.Site().Absolute(addresses.Root(handle) + "/subscription/" + token);

    private static string Encode(string text) => System.Net.WebUtility.HtmlEncode(text);
}
