using System.Net.Sockets;
using Unyo.Features.Checks;
using Unyo.Features.Checks.Probes;

namespace Unyo.Features.Notifications.Channels.Senders;

// The named HttpClient every HTTP sender uses. Its handler connects through the checks' guarded
// connector: every address it actually connects to (a re-resolved name included) passes the
// target guard and the admin's allow list, exactly as a probe's would. No proxy (it would connect
// on its own, past the guard) and no redirects (a receiver must not bounce a signed POST elsewhere).
public static class ChannelHttp
{
    public const string ClientName = "unyo-notifications";

    public static IServiceCollection AddChannelHttp(this IServiceCollection services)
    {
        services.AddHttpClient(ClientName, client =>
            {
                // An upper bound; the dispatcher's token sets the real timeout of each attempt.
                client.Timeout = TimeSpan.FromSeconds(60);
                client.DefaultRequestHeaders.UserAgent.ParseAdd("Unyo-Notifications/1.0");
            })
            .ConfigurePrimaryHttpMessageHandler(sp => Handler(sp.GetRequiredService<CheckTargets>().AllowListAsync))
            // A receiver that is down is an outcome the dispatcher records, not a log line with a stack trace.
            .RemoveAllLoggers();
        return services;
    }

    internal static SocketsHttpHandler Handler(Func<CancellationToken, Task<TargetAllowList>> allowList) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        ConnectTimeout = TimeSpan.FromSeconds(15),
        // A kept connection was judged when it opened; a short life lets a narrowed allow list apply soon.
        PooledConnectionLifetime = TimeSpan.FromMinutes(1),
        ActivityHeadersPropagator = null,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var trace = new ProbeTrace(await allowList(cancellationToken), ProbeIpVersion.Any);
            var socket = await GuardedConnector.ConnectAsync(context.DnsEndPoint.Host, context.DnsEndPoint.Port, trace, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        },
    };
}
