using Microsoft.AspNetCore.Authentication;

namespace Qalam.Accounts;

public static class ApiViewer
{
    // The token's person, if a token came. A token that does not work is an error, not an anonymous read.
    public static async Task<(Viewer? Viewer, bool Rejected)> OptionalAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync(AccessTokenHandler.SchemeName);
        if (result.Succeeded)
        {
            return (Viewer.From(result.Principal), false);
        }
        return (null, result.Failure is not null);
    }
}
