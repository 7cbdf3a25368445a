using Qalam.Http;

namespace Qalam.Accounts;

// Wrong passwords slow the sender down instead of locking the account: a lock that anyone may set by typing five
// wrong passwords is a weapon against the account's owner (and used to stop their API tokens too). Failures are
// counted per account and sender, per sender, and per account from everywhere (a higher bar, for guessing spread over
// many addresses); while any of the three is spent, the form answers "try again later" whoever the account is. The
// account key is the typed address, known or not, so the answer never tells which accounts exist. Per node.
public sealed class SignInThrottle : IDisposable
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private readonly SlidingLimit<(string, string)> _accountFromSender = new(5, Window);
    private readonly SlidingLimit<string> _sender = new(30, Window);
    private readonly SlidingLimit<string> _account = new(100, Window);

    public bool IsThrottled(string account, string? sender) =>
        _accountFromSender.IsSpent((Key(account), sender ?? "")) || _sender.IsSpent(sender ?? "") || _account.IsSpent(Key(account));

    public void Failed(string account, string? sender)
    {
        _accountFromSender.TryTake((Key(account), sender ?? ""));
        _sender.TryTake(sender ?? "");
        _account.TryTake(Key(account));
    }

    private static string Key(string account) => account.Trim().ToUpperInvariant();

    public void Dispose()
    {
        _accountFromSender.Dispose();
        _sender.Dispose();
        _account.Dispose();
    }
}
