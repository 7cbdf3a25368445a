using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Qalam.Admin;
using Microsoft.Extensions.Options;
using Qalam.Localization;
using Qalam.Media;
using Qalam.Storage;

namespace Qalam.Accounts.Admin;

// The signed-in person's own settings: language, password, personal access tokens.
public sealed class AccountModel(UserManager<QalamUser> users, SignInManager<QalamUser> signIn, AccessTokens tokens, TwoFactor twoFactor,
    PersonPhotos photos, IOptions<MediaOptions> mediaOptions)
    : AdminPageModel
{
    public bool TwoFactorEnabled { get; private set; }

    public bool AddressConfirmed { get; private set; }

    public AuthenticatorSetup? Setup { get; private set; }

    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    public List<AccessTokenSummary> Tokens { get; private set; } = [];

    public string? NewToken { get; private set; }

    public string? Notice { get; private set; }

    public Dictionary<string, string> Errors { get; } = [];

    public string DisplayName { get; private set; } = "";

    public string? Bio { get; private set; }

    public string? PhotoPath { get; private set; }

    public long PhotoMaxMegabytes => mediaOptions.Value.MaxBytes / (1024 * 1024);

    public async Task<IActionResult> OnGetAsync(string? done, CancellationToken cancellationToken)
    {
        Notice = done switch
        {
            "password" => Text["Admin.Account.PasswordChanged"],
            "language" => Text["Admin.Account.LanguageChanged"],
            "revoked" => Text["Admin.Account.TokenRevoked"],
            "2fa-off" => Text["Admin.TwoFactor.Disabled"],
            "profile" => Text["Admin.Account.ProfileSaved"],
            "photo" => Text["Admin.Account.PhotoSaved"],
            "photo-removed" => Text["Admin.Account.PhotoRemoved"],
            _ => null,
        };
        return await ShowAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostLanguageAsync(string? language)
    {
        var user = await users.GetUserAsync(User) ?? throw new InvalidOperationException("Signed in without an account.");
        user.Language = Languages.Normalize(language ?? Languages.English);
        await users.UpdateAsync(user);
        await signIn.RefreshSignInAsync(user);
        return Redirect("/admin/account?done=language");
    }

    // The public name and bio readers see on bylines and author pages; plain text (the form's strings are cleaned by
    // CleanTextBinder, like every bound value).
    public async Task<IActionResult> OnPostProfileAsync(string? displayName, string? bio, CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User) ?? throw new InvalidOperationException("Signed in without an account.");
        var name = (displayName ?? "").Trim();
        var about = (bio ?? "").Trim();
        if (name.Length == 0 || name.Length > QalamUser.DisplayNameMaxLength)
        {
            Errors["DisplayName"] = Text["Admin.Account.NameInvalid", Text.Number(QalamUser.DisplayNameMaxLength)];
        }
        if (about.Length > QalamUser.BioMaxLength)
        {
            Errors["Bio"] = Text["Admin.Account.BioTooLong", Text.Number(QalamUser.BioMaxLength)];
        }
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            await ShowAsync(cancellationToken);
            (DisplayName, Bio) = (displayName ?? "", bio);
            return Page();
        }
        user.DisplayName = name;
        user.Bio = about.Length == 0 ? null : about;
        await users.UpdateAsync(user);
        return Redirect("/admin/account?done=profile");
    }

    // The photo readers see beside the name; see PersonPhotos. A refused file leaves the current photo as it was.
    public async Task<IActionResult> OnPostPhotoAsync(IFormFile? photo, CancellationToken cancellationToken)
    {
        var user = await CurrentAsync();
        PhotoOutcome outcome;
        if (photo is null)
        {
            outcome = new PhotoOutcome.Refused(UploadProblem.Empty);
        }
        else
        {
            await using var stream = photo.OpenReadStream();
            outcome = await photos.SetAsync(user, photo.Length, stream, cancellationToken);
        }
        if (outcome is PhotoOutcome.Refused refused)
        {
            Errors["Photo"] = MediaLibrary.Describe(refused.Problem, Text, mediaOptions.Value);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return await ShowAsync(cancellationToken);
        }
        return Redirect("/admin/account?done=photo");
    }

    public async Task<IActionResult> OnPostPhotoRemoveAsync()
    {
        await photos.RemoveAsync(await CurrentAsync());
        return Redirect("/admin/account?done=photo-removed");
    }

    public async Task<IActionResult> OnPostPasswordAsync(string? current, string? next, CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User) ?? throw new InvalidOperationException("Signed in without an account.");
        var result = await users.ChangePasswordAsync(user, current ?? "", next ?? "");
        if (result.Succeeded)
        {
            await signIn.RefreshSignInAsync(user);
            return Redirect("/admin/account?done=password");
        }
        foreach (var error in result.Errors)
        {
            Errors[error.Code == "PasswordMismatch" ? "Current" : "Next"] = AccountErrors.Describe(error, Text);
        }
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return await ShowAsync(cancellationToken);
    }

    // The new token is shown on this response only; it is never stored or shown again.
    public async Task<IActionResult> OnPostTokenAsync(string? name, CancellationToken cancellationToken)
    {
        // A token acts for the account without it being signed in; an address nobody has confirmed gets none.
        if (!(await CurrentAsync()).EmailConfirmed)
        {
            Errors["token"] = Text["Admin.Tokens.Unconfirmed"];
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return await ShowAsync(cancellationToken);
        }
        NewToken = await tokens.CreateAsync(Viewer.UserId, name, cancellationToken);
        Response.Headers.CacheControl = "no-store";
        return await ShowAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostRevokeAsync(int id, CancellationToken cancellationToken)
    {
        await tokens.RevokeAsync(Viewer.UserId, id, cancellationToken);
        return Redirect("/admin/account?done=revoked#tokens");
    }

    public async Task<IActionResult> OnPostTwoFactorSetupAsync(CancellationToken cancellationToken)
    {
        Setup = await twoFactor.SetupAsync(await CurrentAsync());
        Response.Headers.CacheControl = "no-store";
        return await ShowAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostTwoFactorEnableAsync(string? code, CancellationToken cancellationToken)
    {
        var user = await CurrentAsync();
        RecoveryCodes = await twoFactor.EnableAsync(user, code ?? "");
        if (RecoveryCodes is null)
        {
            Errors["Code"] = Text["Admin.TwoFactor.WrongCode"];
            Setup = await twoFactor.SetupAsync(user);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
        else
        {
            await signIn.RefreshSignInAsync(user);
            Notice = Text["Admin.TwoFactor.Enabled"];
        }
        Response.Headers.CacheControl = "no-store";
        return await ShowAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostTwoFactorDisableAsync(string? code, CancellationToken cancellationToken)
    {
        var user = await CurrentAsync();
        if (await twoFactor.DisableAsync(user, code ?? ""))
        {
            await signIn.RefreshSignInAsync(user);
            return Redirect("/admin/account?done=2fa-off");
        }
        Errors["DisableCode"] = Text["Admin.TwoFactor.WrongCode"];
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return await ShowAsync(cancellationToken);
    }

    private async Task<QalamUser> CurrentAsync() =>
        await users.GetUserAsync(User) ?? throw new InvalidOperationException("Signed in without an account.");

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        var user = await CurrentAsync();
        TwoFactorEnabled = user.TwoFactorEnabled;
        (DisplayName, Bio) = (user.DisplayName, user.Bio);
        PhotoPath = QalamUser.PhotoPathOf(user.PhotoName);
        AddressConfirmed = user.EmailConfirmed;
        Tokens = await tokens.ListAsync(Viewer.UserId, cancellationToken);
        Chrome(Text["Admin.Account.Title"]);
        return Page();
    }
}
