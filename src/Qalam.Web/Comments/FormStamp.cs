using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Qalam.Comments;

public enum StampCheck
{
    Valid,
    Missing,
    TooFast,
    Expired,
}

// The time a comment form was made, signed, carried in the form itself: the server keeps nothing per form, and any
// node can check it (data-protection keys are shared through the database).
public sealed class FormStamp(IDataProtectionProvider protection, TimeProvider time, IOptions<CommentOptions> options)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Qalam.Comments.FormStamp");

    public string Issue(int postId) =>
        _protector.Protect(string.Create(CultureInfo.InvariantCulture, $"{postId}:{time.GetUtcNow().ToUnixTimeMilliseconds()}"));

    public StampCheck Check(string? stamp, int postId)
    {
        if (string.IsNullOrEmpty(stamp))
        {
            return StampCheck.Missing;
        }
        string payload;
        try
        {
            payload = _protector.Unprotect(stamp);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return StampCheck.Missing;
        }
        var parts = payload.Split(':');
        if (parts.Length != 2 || parts[0] != postId.ToString(CultureInfo.InvariantCulture)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var issued))
        {
            return StampCheck.Missing;
        }
        var age = time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(issued);
        if (age < options.Value.MinimumFormAge)
        {
            return StampCheck.TooFast;
        }
        return age > options.Value.MaximumFormAge ? StampCheck.Expired : StampCheck.Valid;
    }
}
