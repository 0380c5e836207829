using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Unyo.Hosting;

// Behind a reverse proxy that ends TLS, the request Kestrel sees is plain http from the proxy's
// address. UNYO_TRUSTED_PROXIES (addresses or CIDR ranges, comma-separated) names the proxies
// whose X-Forwarded-For, -Proto and -Host are believed: then HSTS and Secure cookies follow the
// scheme the browser used, and rate limits, lockouts and the audit log see the client's address.
// Unset (the default), no forwarded header is believed from anyone, loopback included.
public static class TrustedProxies
{
    public const string Setting = "UNYO_TRUSTED_PROXIES";

    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var (addresses, networks) = Parse(configuration[Setting]);
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            addresses.ForEach(o.KnownProxies.Add);
            networks.ForEach(o.KnownIPNetworks.Add);
            // A chain of trusted proxies is walked back to the first address that is not one.
            o.ForwardLimit = null;
        });
        return services;
    }

    // First in the pipeline, so everything after it (security headers, cookies, rate limits)
    // sees the client's scheme and address.
    public static WebApplication UseTrustedProxies(this WebApplication app)
    {
        if (!string.IsNullOrWhiteSpace(app.Configuration[Setting]))
        {
            app.UseForwardedHeaders();
        }
        return app;
    }

    public static (List<IPAddress> Addresses, List<System.Net.IPNetwork> Networks) Parse(string? setting)
    {
        List<IPAddress> addresses = [];
        List<System.Net.IPNetwork> networks = [];
        foreach (var entry in (setting ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (entry.Contains('/', StringComparison.Ordinal) && System.Net.IPNetwork.TryParse(entry, out var network))
            {
                networks.Add(network);
            }
            else if (IPAddress.TryParse(entry, out var address))
            {
                addresses.Add(address);
            }
            else
            {
                throw new InvalidOperationException($"{Setting}: '{entry}' is not an IP address or a CIDR range (such as 10.0.0.0/8)");
            }
        }
        return (addresses, networks);
    }
}
