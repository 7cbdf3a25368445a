using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Qalam.Storage;

namespace Qalam.Accounts;

public static class AccountsFeature
{
    public const string ApiPolicy = "api";
    public const string CookieName = "qalam.auth";

    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("qalam").PersistKeysToDbContext<QalamDb>();
        services.AddIdentity<QalamUser, IdentityRole>(options =>
            {
                // Length is what makes a password strong; character-class rules only make people write them down.
                options.Password.RequiredLength = 10;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 4;
                options.User.RequireUniqueEmail = true;
                // Wrong passwords do not lock an account (SignInThrottle slows their sender); wrong two-factor codes,
                // which only someone with the password can send, do. The operator's lock lasts until lifted.
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.Tokens.PasswordResetTokenProvider = PasswordResetTokens.ProviderName;
            })
            .AddEntityFrameworkStores<QalamDb>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<PasswordResetTokens>(PasswordResetTokens.ProviderName)
            .AddClaimsPrincipalFactory<QalamClaimsFactory>();
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromDays(1));
        // A person the operator locks out, or whose password is reset or changed, is signed out everywhere at once: each
        // signed-in request checks the account's security stamp (one indexed read; readers carry no cookie).
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = CookieName;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.LoginPath = "/admin/signin";
            options.LogoutPath = "/admin/signout";
            options.ExpireTimeSpan = TimeSpan.FromDays(14);
            // A signed-in person without the right gets 403 and the status page that explains it, not a redirect
            // to a sign-in page they have already passed.
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
            options.SlidingExpiration = true;
        });
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, AccessTokenHandler>(AccessTokenHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiPolicy, policy => policy.AddAuthenticationSchemes(AccessTokenHandler.SchemeName).RequireAuthenticatedUser());
        return services
            .AddScoped<AccessTokens>()
            .AddScoped<BlogCreator>()
            .AddScoped<UserAccounts>()
            .AddScoped<MemberInvitations>()
            .AddScoped<PasswordRecovery>()
            .AddSingleton<RecoveryLimits>()
            .AddSingleton<SignInThrottle>()
            .AddScoped<BlogAccessChecker>()
            .AddScoped<TwoFactor>();
    }
}
