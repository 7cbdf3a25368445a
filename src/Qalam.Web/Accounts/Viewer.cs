using System.Security.Claims;
using Qalam.Storage;

namespace Qalam.Accounts;

// The signed-in person a request acts for, passed into the classes that check rights.
public sealed record Viewer(string UserId, InstallRole InstallRole)
{
    public const string InstallRoleClaim = "qalam:install-role";
    public const string LanguageClaim = "qalam:language";
    public const string DisplayNameClaim = "qalam:name";

    public bool IsInstallAdmin => InstallRole is InstallRole.Owner or InstallRole.Admin;

    public static Viewer? From(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true || principal.FindFirstValue(ClaimTypes.NameIdentifier) is not { } id)
        {
            return null;
        }
        var role = Enum.TryParse<InstallRole>(principal.FindFirstValue(InstallRoleClaim), out var parsed) ? parsed : InstallRole.Member;
        return new Viewer(id, role);
    }
}
