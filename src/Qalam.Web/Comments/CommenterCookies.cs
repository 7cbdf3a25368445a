using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace Qalam.Comments;

public sealed record RememberedCommenter(string? Name, string? Email, string? Website);

// Two cookies a comment writer may carry, both encrypted and signed with the data-protection keys: the details they
// asked us to remember, and the ids of their comments still awaiting moderation (shown to them alone, marked so).
// A post page requested with either is rendered for that person rather than served from PostPageCache.
public sealed class CommenterCookies(IDataProtectionProvider protection, TimeProvider time)
{
    public const string RememberName = "qalam-commenter";
    public const string HeldName = "qalam-held";
    private const int MaxHeld = 20;
    private static readonly TimeSpan RememberFor = TimeSpan.FromDays(365);
    private static readonly TimeSpan HeldFor = TimeSpan.FromDays(14);

    private readonly IDataProtector _protector = protection.CreateProtector("Qalam.Comments.CommenterCookies");

    public static bool Present(HttpRequest request) =>
        request.Cookies.ContainsKey(RememberName) || request.Cookies.ContainsKey(HeldName);

    public RememberedCommenter? Remembered(HttpRequest request) =>
        Read(request, RememberName) is { } json ? JsonSerializer.Deserialize<RememberedCommenter>(json) : null;

    public void Remember(HttpResponse response, RememberedCommenter? who)
    {
        if (who is null)
        {
            response.Cookies.Delete(RememberName, Options(TimeSpan.Zero));
            return;
        }
        response.Cookies.Append(RememberName, _protector.Protect(JsonSerializer.Serialize(who)), Options(RememberFor));
    }

    public IReadOnlySet<int> Held(HttpRequest request)
    {
        var ids = new HashSet<int>();
        foreach (var part in (Read(request, HeldName) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                ids.Add(id);
            }
        }
        return ids;
    }

    public void AddHeld(HttpRequest request, HttpResponse response, int commentId)
    {
        var ids = Held(request).Append(commentId).TakeLast(MaxHeld);
        response.Cookies.Append(HeldName, _protector.Protect(string.Join(',', ids)), Options(HeldFor));
    }

    private string? Read(HttpRequest request, string name)
    {
        if (!request.Cookies.TryGetValue(name, out var value) || string.IsNullOrEmpty(value))
        {
            return null;
        }
        try
        {
            return _protector.Unprotect(value);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    private CookieOptions Options(TimeSpan lifetime) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        Path = "/",
        Expires = time.GetUtcNow() + lifetime,
        IsEssential = true,
    };
}
