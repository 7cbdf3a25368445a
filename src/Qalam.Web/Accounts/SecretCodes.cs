using System.Security.Cryptography;
using System.Text;

namespace Qalam.Accounts;

// Codes handed to people that must work once and never be read back from a copy of the database: access tokens,
// sign-up invitations, blog invitations. A code is random and URL-safe; only its SHA-256 is stored.
public static class SecretCodes
{
    public static string New(int bytes) => Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string HashOf(string code) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(code)));
}
