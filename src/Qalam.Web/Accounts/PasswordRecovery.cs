using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Qalam.Blogs;
using Qalam.Http;
using Qalam.Localization;
using Qalam.Mail;
using Qalam.Storage;

namespace Qalam.Accounts;

public enum RecoveryAnswer
{
    // "If an account uses this address, a link is on its way": the same whether it does or not.
    Sent,
    Throttled,
    // The install has no mail: nobody can be sent anything, so the page says to ask the operator.
    NoMail,
    InvalidAddress,
}

// "Forgot your password?": a mailed one-time link to the reset page. The answer is the same for known and unknown
// addresses, and asking is limited per sender and per address. The reply never waits for the mail (the outbox sends
// it); for a known address it waits for making the token and queueing the mail, a few milliseconds that a patient
// stranger could measure: the per-sender limit keeps that to a handful of tries. The link is Identity's password-reset token from its own short-lived
// provider (PasswordResetTokens): it dies after an hour, once used, or once the password changes.
public sealed class PasswordRecovery(QalamDb db, UserManager<QalamUser> users, Outbox outbox, BlogAddresses addresses,
    RecoveryLimits limits, TimeProvider time)
{
    public async Task<RecoveryAnswer> RequestAsync(string? email, string? sender, CancellationToken cancellationToken)
    {
        var address = email?.Trim() ?? "";
        if (address.Length > 256 || !Text.EmailAddresses.IsValid(address))
        {
            return RecoveryAnswer.InvalidAddress;
        }
        if (!outbox.Enabled)
        {
            return RecoveryAnswer.NoMail;
        }
        if (!await limits.Sender.TryTakeAsync(sender ?? "") || !await limits.Address.TryTakeAsync(users.NormalizeEmail(address)))
        {
            return RecoveryAnswer.Throttled;
        }
        var user = await users.FindByEmailAsync(address);
        if (user is null || QalamUser.IsLockedByOperator(user.LockoutEnd, time.GetUtcNow()))
        {
            return RecoveryAnswer.Sent;
        }
        var text = UiText.For(user.Language);
        outbox.Add(user.Email!, text["Recovery.Mail.Subject"], new StringBuilder()
            .AppendLine(text["Recovery.Mail.Intro"])
            .AppendLine()
            .AppendLine(await LinkAsync(user))
            .AppendLine()
            .AppendLine(text["Recovery.Mail.Ignore"])
            .ToString());
        await db.SaveChangesAsync(cancellationToken);
        return RecoveryAnswer.Sent;
    }

    // The reset page's address for this account, with a fresh token; the origin comes from configuration.
    public async Task<string> LinkAsync(QalamUser user) =>
        $"{addresses.Site().Origin}/admin/reset?userId={Uri.EscapeDataString(user.Id)}&token={Uri.EscapeDataString(await users.GeneratePasswordResetTokenAsync(user))}";
}

// Five requests per sender in 15 minutes, three per address in an hour (across all nodes with Redis).
public sealed class RecoveryLimits(SlidingLimits limits) : IDisposable
{
    public SlidingLimit<string> Sender { get; } = limits.Create<string>("recovery-sender", 5, TimeSpan.FromMinutes(15));

    public SlidingLimit<string> Address { get; } = limits.Create<string>("recovery-address", 3, TimeSpan.FromHours(1));

    public void Dispose()
    {
        Sender.Dispose();
        Address.Dispose();
    }
}

// Password-reset tokens live an hour (other Identity tokens, such as the sign-up confirmation, keep their day).
public sealed class PasswordResetTokens(IDataProtectionProvider protection, IOptions<PasswordResetTokenOptions> options,
    ILogger<DataProtectorTokenProvider<QalamUser>> logger) : DataProtectorTokenProvider<QalamUser>(protection, options, logger)
{
    public const string ProviderName = "QalamPasswordReset";
}

public sealed class PasswordResetTokenOptions : DataProtectionTokenProviderOptions
{
    public PasswordResetTokenOptions()
    {
        Name = PasswordResetTokens.ProviderName;
        TokenLifespan = TimeSpan.FromHours(1);
    }
}
