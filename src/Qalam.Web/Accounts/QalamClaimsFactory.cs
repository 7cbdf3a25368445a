using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Qalam.Storage;

namespace Qalam.Accounts;

// Puts the install-wide role, admin language and name into the sign-in cookie so that Viewer.From needs no database read.
public sealed class QalamClaimsFactory(UserManager<QalamUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<QalamUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(QalamUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(Viewer.InstallRoleClaim, user.InstallRole.ToString()));
        identity.AddClaim(new Claim(Viewer.LanguageClaim, user.Language));
        identity.AddClaim(new Claim(Viewer.DisplayNameClaim, user.DisplayName));
        return identity;
    }
}
