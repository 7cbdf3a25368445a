using Qalam.Http;

namespace Qalam.Accounts;

// Wrong passwords slow the sender down instead of locking the account: a lock that anyone may set by typing five
// wrong passwords is a weapon against the account's owner (and used to stop their API tokens too). Failures are
// counted per account and sender, per sender, and per account from everywhere (a higher bar, for guessing spread over
// many addresses); while any of the three is spent, the form answers "try again later" whoever the account is. The
// account key is the typed address, known or not, so the answer never tells which accounts exist. Across all nodes
// with Redis, per node without it.
public sealed class SignInThrottle(SlidingLimits limits) : IDisposable
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private readonly SlidingLimit<(string, string)> _accountFromSender = limits.Create<(string, string)>("signin-account-sender", 5, Window);
    private readonly SlidingLimit<string> _sender = limits.Create<string>("signin-sender", 30, Window);
    private readonly SlidingLimit<string> _account = limits.Create<string>("signin-account", 100, Window);

    public async ValueTask<bool> IsThrottledAsync(string account, string? sender) =>
        await _accountFromSender.IsSpentAsync((Key(account), sender ?? "")) || await _sender.IsSpentAsync(sender ?? "")
        || await _account.IsSpentAsync(Key(account));

    public async ValueTask FailedAsync(string account, string? sender)
    {
        await _accountFromSender.TryTakeAsync((Key(account), sender ?? ""));
        await _sender.TryTakeAsync(sender ?? "");
        await _account.TryTakeAsync(Key(account));
    }

    private static string Key(string account) => account.Trim().ToUpperInvariant();

    public void Dispose()
    {
        _accountFromSender.Dispose();
        _sender.Dispose();
        _account.Dispose();
    }
}
