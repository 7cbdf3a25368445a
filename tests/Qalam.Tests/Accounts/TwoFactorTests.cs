using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Qalam.Tests.Accounts;

[Collection(SharedAppCollection.Name)]
public sealed class TwoFactorTests(SharedApp shared)
{
    private QalamApp App => shared.App;

    // RFC 6238 as an authenticator app computes it: HMAC-SHA1 over the 30-second step, six digits. Identity checks
    // codes against the real clock (not the app's TimeProvider), as the phone does.
    private static string Code(string base32Key, DateTimeOffset at)
    {
        var key = Base32(base32Key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant());
        Span<byte> step = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(step, at.ToUnixTimeSeconds() / 30);
#pragma warning disable CA5350 // RFC 6238 and every authenticator app use HMAC-SHA1.
        var hash = HMACSHA1.HashData(key, step);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var value = (BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset)) & 0x7FFFFFFF) % 1_000_000;
        return value.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.TrimEnd('='))
        {
            buffer = (buffer << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return [.. bytes];
    }

    [Fact]
    public async Task With_two_factor_on_signing_in_needs_the_apps_code_or_a_recovery_code()
    {
        var user = await App.Seed.UserAsync();
        var client = App.Reader();
        var form = await client.GetPageAsync("/admin/signin");
        await client.SubmitAsync(form, "form", new Dictionary<string, string> { ["Email"] = user.Email!, ["password"] = Seed.Password }, "/admin/signin");

        var account = await client.GetPageAsync("/admin/account");
        var setup = Html.Parse(await (await client.SubmitAsync(account, "form[action*='handler=TwoFactorSetup']", new Dictionary<string, string>()))
            .Content.ReadAsStringAsync());
        var key = setup.QuerySelector("#authenticator-key").Text();
        Assert.StartsWith("data:image/svg+xml;base64,", setup.QuerySelector("img.qr")?.GetAttribute("src"), StringComparison.Ordinal);
        var wrong = await client.SubmitAsync(setup, "form[action*='handler=TwoFactorEnable']", new Dictionary<string, string> { ["code"] = "000000" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        var enabled = Html.Parse(await (await client.SubmitAsync(setup, "form[action*='handler=TwoFactorEnable']",
            new Dictionary<string, string> { ["code"] = Code(key, DateTimeOffset.UtcNow) })).Content.ReadAsStringAsync());
        var recovery = enabled.QuerySelectorAll(".recovery-codes li").Select(li => li.Text()).ToList();
        Assert.Equal(10, recovery.Count);

        // A fresh browser: the password alone is not enough any more.
        var fresh = App.Reader();
        form = await fresh.GetPageAsync("/admin/signin");
        var first = await fresh.SubmitAsync(form, "form", new Dictionary<string, string> { ["Email"] = user.Email!, ["password"] = Seed.Password }, "/admin/signin");
        Assert.StartsWith("/admin/signin/code", first.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await fresh.GetAsync("/admin/account")).StatusCode);
        var codePage = await fresh.GetPageAsync(first.Headers.Location!.OriginalString);
        var persianDigits = string.Concat(Code(key, DateTimeOffset.UtcNow).Select(d => (char)('۰' + (d - '0'))));
        var second = await fresh.SubmitAsync(codePage, "form", new Dictionary<string, string> { ["code"] = persianDigits }, "/admin/signin/code");
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/admin/account")).StatusCode);

        // Lost phone: a recovery code works once.
        var lost = App.Reader();
        form = await lost.GetPageAsync("/admin/signin");
        await lost.SubmitAsync(form, "form", new Dictionary<string, string> { ["Email"] = user.Email!, ["password"] = Seed.Password }, "/admin/signin");
        codePage = await lost.GetPageAsync("/admin/signin/code");
        var byRecovery = await lost.SubmitAsync(codePage, "form", new Dictionary<string, string> { ["recovery"] = recovery[0] }, "/admin/signin/code");
        Assert.Equal(HttpStatusCode.Redirect, byRecovery.StatusCode);
    }
}
