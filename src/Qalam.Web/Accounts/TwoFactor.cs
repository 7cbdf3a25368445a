using System.Text;
using Microsoft.AspNetCore.Identity;
using Qalam.Storage;
using QRCoder;

namespace Qalam.Accounts;

public sealed record AuthenticatorSetup(string Key, string Uri, string QrCodeDataUri);

// Time-based one-time codes (RFC 6238) with Identity's authenticator provider: any authenticator app works.
public sealed class TwoFactor(UserManager<QalamUser> users)
{
    public async Task<AuthenticatorSetup> SetupAsync(QalamUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }
        var uri = $"otpauth://totp/{Uri.EscapeDataString("Qalam:" + user.Email)}?secret={key}&issuer=Qalam&digits=6";
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(4);
        return new AuthenticatorSetup(Grouped(key!), uri, "data:image/svg+xml;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(svg)));
    }

    // Turns two-factor sign-in on once the person proves their app has the key; returns the recovery codes.
    public async Task<IReadOnlyList<string>?> EnableAsync(QalamUser user, string code)
    {
        if (!await VerifyAsync(user, code))
        {
            return null;
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        return [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10) ?? []];
    }

    public async Task<bool> DisableAsync(QalamUser user, string code)
    {
        if (!await VerifyAsync(user, code))
        {
            return false;
        }
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        return true;
    }

    private Task<bool> VerifyAsync(QalamUser user, string code) =>
        users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, Normalize(code));

    // Persian and Arabic-Indic digits typed on a phone keyboard count as the same digits.
    public static string Normalize(string code) => new([.. Text.TextFolding.Fold(code).Where(char.IsAsciiDigit)]);

    private static string Grouped(string key) =>
        string.Join(' ', Enumerable.Range(0, (key.Length + 3) / 4).Select(i => key.Substring(i * 4, Math.Min(4, key.Length - i * 4)))).ToLowerInvariant();
}
