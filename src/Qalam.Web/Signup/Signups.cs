using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Qalam.Accounts;
using Qalam.Blogs;
using Qalam.Http;
using Qalam.Localization;
using Qalam.Mail;
using Qalam.Storage;
using Qalam.Text;

namespace Qalam.Signup;

public sealed record SignupInput(string? Email, string? Password, string? Handle, string? Title, string? Language, string? Honeypot, string? Invitation = null);

public enum SignupField
{
    Email,
    Password,
    Handle,
    Title,
    Language,
    Invitation,
}

public abstract record SignupOutcome
{
    public sealed record Started(string Email) : SignupOutcome;
    public sealed record Invalid(IReadOnlyDictionary<SignupField, string> Errors) : SignupOutcome;
    public sealed record Refused(SignupRefusal Reason) : SignupOutcome;
}

public enum SignupRefusal
{
    Closed,
    Honeypot,
    RateLimited,
}

// Why the sign-up page is closed, for the operator's hint on it.
public enum SignupClosure
{
    TurnedOff,
    NoMail,
}

public enum HandleAvailability
{
    Available,
    Taken,
    Reserved,
    Invalid,
}

public abstract record ConfirmOutcome
{
    public sealed record Confirmed(QalamUser User, string Handle, bool AwaitingApproval) : ConfirmOutcome;
    public sealed record Failed : ConfirmOutcome;
}

// A stranger becomes the owner of a new blog: account and blog are made at once, the blog hidden from readers until
// the address is confirmed from the mail sent to it (and, in Approval mode, until the operator approves).
public sealed class Signups(QalamDb db, UserAccounts accounts, UserManager<QalamUser> users, BlogCreator creator, Outbox outbox,
    SignupSettingsStore settingsStore, SignupLimits limits, SignupInvitations invitations)
{
    // Widely used throwaway mailbox services; operators add more with Signup:DisposableDomains.
    private static readonly string[] Disposable =
    [
        "mailinator.com", "guerrillamail.com", "guerrillamail.net", "sharklasers.com", "10minutemail.com", "temp-mail.org",
        "tempmail.com", "yopmail.com", "trashmail.com", "getnada.com", "dispostable.com", "maildrop.cc", "throwawaymail.com",
        "fakeinbox.com", "mintemail.com", "mohmal.com", "emailondeck.com", "tempail.com", "moakt.com", "burnermail.io",
    ];

    // Sign-up needs mail: without it nobody could confirm an address.
    private SignupSettings? _settings;

    // Read once per request: the operator's choice, else configuration.
    public async Task<SignupSettings> SettingsAsync(CancellationToken cancellationToken) =>
        _settings ??= await settingsStore.CurrentAsync(cancellationToken);

    public async Task<bool> IsOpenAsync(CancellationToken cancellationToken) => await ClosureAsync(cancellationToken) is null;

    // Null when sign-up is open.
    public async Task<SignupClosure?> ClosureAsync(CancellationToken cancellationToken) =>
        (await SettingsAsync(cancellationToken)).Mode == SignupMode.Off ? SignupClosure.TurnedOff
        : !outbox.Enabled ? SignupClosure.NoMail
        : null;

    public async Task<bool> NeedsInvitationAsync(CancellationToken cancellationToken) =>
        (await SettingsAsync(cancellationToken)).Mode == SignupMode.Invitation;

    public async Task<HandleAvailability> CheckHandleAsync(string? handle, CancellationToken cancellationToken)
    {
        var normalized = handle is null ? null : BlogHandles.Normalize(handle);
        return BlogHandles.Check(normalized) switch
        {
            HandleProblem.None => await db.Blogs.AnyAsync(b => b.Handle == normalized, cancellationToken) ? HandleAvailability.Taken : HandleAvailability.Available,
            HandleProblem.Reserved => HandleAvailability.Reserved,
            _ => HandleAvailability.Invalid,
        };
    }

    public async Task<SignupOutcome> StartAsync(SignupInput input, string? address, SiteAddress site, UiText text, CancellationToken cancellationToken)
    {
        var settings = await SettingsAsync(cancellationToken);
        var needsInvitation = settings.Mode == SignupMode.Invitation;
        if (!await IsOpenAsync(cancellationToken))
        {
            return new SignupOutcome.Refused(SignupRefusal.Closed);
        }
        if (!string.IsNullOrEmpty(input.Honeypot))
        {
            return new SignupOutcome.Refused(SignupRefusal.Honeypot);
        }
        var errors = new Dictionary<SignupField, string>();
        var email = input.Email?.Trim() ?? "";
        if (!EmailAddresses.IsValid(email))
        {
            errors[SignupField.Email] = text["Signup.Error.Email"];
        }
        else if (IsDisposable(email[(email.LastIndexOf('@') + 1)..], settings))
        {
            errors[SignupField.Email] = text["Signup.Error.Disposable"];
        }
        if ((input.Password?.Length ?? 0) < 10)
        {
            errors[SignupField.Password] = text["Admin.Field.PasswordHint", text.Number(10)];
        }
        foreach (var error in BlogCreator.Validate(new NewBlog(input.Handle, input.Title, input.Language)))
        {
            errors[Enum.Parse<SignupField>(error.Field.ToString())] = text["Admin.Error.Blog." + error.Field + "." + error.Code];
        }
        if (!errors.ContainsKey(SignupField.Handle) && await CheckHandleAsync(input.Handle, cancellationToken) == HandleAvailability.Taken)
        {
            errors[SignupField.Handle] = text["Signup.Handle.Taken"];
        }
        if (needsInvitation && !await invitations.IsUsableAsync(input.Invitation, cancellationToken))
        {
            errors[SignupField.Invitation] = text["Signup.Error.Invitation"];
        }
        if (errors.Count > 0)
        {
            return new SignupOutcome.Invalid(errors);
        }
        if (!await limits.TryTakeAsync(address))
        {
            return new SignupOutcome.Refused(SignupRefusal.RateLimited);
        }

        // Someone who already has an account is told by mail, not on the page, which would tell anyone who has one.
        if (await accounts.FindByEmailAsync(email) is { } existing)
        {
            accounts.CheckNobodysPassword(input.Password!);
            var known = UiText.For(existing.Language);
            outbox.Add(email, known["Signup.Mail.Exists.Subject"], new StringBuilder()
                .AppendLine(known["Signup.Mail.Exists.Intro"])
                .AppendLine()
                .AppendLine($"{site.Origin}/admin/signin")
                .AppendLine()
                .AppendLine(known["Signup.Mail.Exists.Ignore"])
                .ToString());
            await db.SaveChangesAsync(cancellationToken);
            return new SignupOutcome.Started(email);
        }
        if (needsInvitation && !await invitations.SpendAsync(input.Invitation!, cancellationToken))
        {
            // Spent by someone else since it was checked.
            return new SignupOutcome.Invalid(new Dictionary<SignupField, string> { [SignupField.Invitation] = text["Signup.Error.Invitation"] });
        }
        var created = await accounts.CreateAsync(new NewUser(email, input.Password!, null, InstallRole.Member, input.Language!, AddressConfirmed: false), cancellationToken);
        if (created is not AccountOutcome.Created { User: var user })
        {
            await ReturnInvitationAsync(input, cancellationToken);
            // Identity's own rules (a password it finds too weak): shown on the password field.
            var failed = (AccountOutcome.Failed)created;
            return new SignupOutcome.Invalid(new Dictionary<SignupField, string> { [SignupField.Password] = string.Join(" ", failed.Errors.Select(e => AccountErrors.Describe(e, text))) });
        }
        var blogOutcome = await creator.CreateAsync(new NewBlog(input.Handle, input.Title, input.Language), user.Id, cancellationToken);
        if (blogOutcome is not BlogCreation.Created { Blog: var blog })
        {
            // The handle was taken between the check and now: nothing is left behind.
            await users.DeleteAsync(user);
            await ReturnInvitationAsync(input, cancellationToken);
            return new SignupOutcome.Invalid(new Dictionary<SignupField, string> { [SignupField.Handle] = text["Signup.Handle.Taken"] });
        }
        var tracked = await db.Blogs.SingleAsync(b => b.Id == blog.Id, cancellationToken);
        tracked.HideUntilConfirmed(needsApproval: settings.Mode == SignupMode.Approval);
        var token = await users.GenerateEmailConfirmationTokenAsync(user);
        var link = $"{site.Origin}/signup/confirm?user={Uri.EscapeDataString(user.Id)}&token={Uri.EscapeDataString(token)}";
        var blogText = UiText.For(blog.Language);
        outbox.Add(email, blogText["Signup.Mail.Subject", blog.Title], new StringBuilder()
            .AppendLine(blogText["Signup.Mail.Intro", blog.Title, site.Blog(blog.Handle)])
            .AppendLine()
            .AppendLine(link)
            .AppendLine()
            .AppendLine(blogText["Signup.Mail.Ignore"])
            .ToString());
        await db.SaveChangesAsync(cancellationToken);
        return new SignupOutcome.Started(email);
    }

    private async Task ReturnInvitationAsync(SignupInput input, CancellationToken cancellationToken)
    {
        if (await NeedsInvitationAsync(cancellationToken))
        {
            await invitations.ReturnAsync(input.Invitation!, cancellationToken);
        }
    }

    public async Task<ConfirmOutcome> ConfirmAsync(string? userId, string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(token) || await users.FindByIdAsync(userId) is not { } user)
        {
            return new ConfirmOutcome.Failed();
        }
        if (!user.EmailConfirmed && !(await users.ConfirmEmailAsync(user, token)).Succeeded)
        {
            return new ConfirmOutcome.Failed();
        }
        var blog = await db.Blogs
            .Where(b => db.Set<BlogMember>().Any(m => m.BlogId == b.Id && m.UserId == user.Id && m.Role == BlogRole.Owner))
            .OrderBy(b => b.Id).FirstOrDefaultAsync(cancellationToken);
        if (blog is null)
        {
            return new ConfirmOutcome.Failed();
        }
        blog.Confirmed();
        await db.SaveChangesAsync(cancellationToken);
        return new ConfirmOutcome.Confirmed(user, blog.Handle, blog.AwaitingApproval);
    }

    private static bool IsDisposable(string host, SignupSettings settings)
    {
        var domain = host.ToLowerInvariant();
        return Disposable.Concat(settings.DisposableDomains).Any(d => domain == d || domain.EndsWith("." + d, StringComparison.Ordinal));
    }
}

// Sign-ups per address (SignupOptions): across all nodes with Redis, per node without it.
public sealed class SignupLimits(IOptions<SignupOptions> options, SlidingLimits limits) : IDisposable
{
    private readonly SlidingLimit<string> _addresses = limits.Create<string>("signup-address", options.Value.AddressLimit, options.Value.AddressWindow);

    public ValueTask<bool> TryTakeAsync(string? address) => _addresses.TryTakeAsync(address ?? "");

    public void Dispose() => _addresses.Dispose();
}
