namespace Qalam.Signup;

public static class SignupFeature
{
    public static IServiceCollection AddSignup(this IServiceCollection services)
    {
        services.AddOptions<SignupOptions>().BindConfiguration(SignupOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services.AddSingleton<SignupLimits>().AddScoped<Signups>().AddScoped<SignupInvitations>().AddScoped<SignupSettingsStore>();
    }

    // The sign-up form asks, as the person types, whether a handle can be had.
    public static void MapSignup(this WebApplication app) =>
        app.MapGet("/signup/handle", async (string? name, Signups signups, CancellationToken ct) =>
            Results.Json(new { available = await signups.CheckHandleAsync(name, ct) is var state && state == HandleAvailability.Available, state = state.ToString().ToLowerInvariant() }));
}
