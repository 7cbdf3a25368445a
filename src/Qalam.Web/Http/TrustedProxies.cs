using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Qalam.Http;

// The client address comes from the connection, or from X-Forwarded-For only when the connection comes from a
// proxy named in Hosting:TrustedProxies (addresses or CIDR ranges). Nothing is trusted by default, loopback
// included, so a stranger cannot pose as many readers by sending the header.
public static class TrustedProxies
{
    public const string Key = "Hosting:TrustedProxies";

    private static string[] Entries(IConfiguration configuration) => configuration.GetSection(Key).Get<string[]>() ?? [];

    // ForwardedHeadersMiddleware trusts every sender when its lists are empty, so without a configured proxy it
    // must not run at all.
    public static void UseTrustedProxies(this WebApplication app)
    {
        if (Entries(app.Configuration).Length > 0)
        {
            app.UseForwardedHeaders();
        }
    }

    public static void AddTrustedProxies(this WebApplicationBuilder builder)
    {
        var entries = Entries(builder.Configuration);
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
#pragma warning disable ASPDEPR005 // The obsolete list still holds the loopback default and is still consulted.
            options.KnownNetworks.Clear();
#pragma warning restore ASPDEPR005
            // One proxy in front of us: take the address it saw, not whatever the client wrote further left.
            options.ForwardLimit = 1;
            foreach (var entry in entries)
            {
                if (entry.Contains('/', StringComparison.Ordinal))
                {
                    options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(entry));
                }
                else
                {
                    options.KnownProxies.Add(IPAddress.Parse(entry));
                }
            }
        });
    }
}
