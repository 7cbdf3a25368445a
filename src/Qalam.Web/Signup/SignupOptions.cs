using System.ComponentModel.DataAnnotations;

namespace Qalam.Signup;

public enum SignupMode
{
    // Anyone may sign up; the blog is public once its owner confirms their email address.
    Open,

    // As Open, and then the operator approves the blog (`qalam blogs approve`) before readers see it.
    Approval,

    // As Open, for people the operator invited: the form needs an unused invitation code (`qalam invitations create`,
    // or the operator area), which the link in the invitation carries.
    Invitation,

    Off,
}

public sealed class SignupOptions
{
    public const string Section = "Signup";

    public SignupMode Mode { get; set; } = SignupMode.Open;

    // Sign-ups each address may make within AddressWindow (per node).
    [Range(1, 1000)]
    public int AddressLimit { get; set; } = 3;

    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan AddressWindow { get; set; } = TimeSpan.FromHours(1);

    // Blogs one account may start through the API (the sign-up page starts one per new account).
    [Range(1, 1000)]
    public int BlogsPerAccount { get; set; } = 3;

    // Email domains of throwaway mailboxes refused at sign-up, added to the built-in list (Signups.Disposable).
    public string[] DisposableDomains { get; set; } = [];
}
