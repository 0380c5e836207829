using System.Net;
using System.Net.Sockets;

namespace Unyo.Features.Checks.Probes;

// Opens a probe's TCP connection: resolves the host itself (so every connection, redirects and
// DNS answers that change between checks included, is judged on the address actually used), skips
// addresses the target guard refuses, and tries the others in order.
internal static class GuardedConnector
{
    public static async ValueTask<Socket> ConnectAsync(string host, int port, ProbeTrace trace, CancellationToken cancellationToken)
    {
        host = host.Trim('[', ']');
        var literal = HostNames.ParseAddress(host);
        var addresses = literal is null ? await ResolveAsync(host, trace, cancellationToken) : [literal];
        // An admin may allow a name whose addresses are private (intranet.example -> 10.1.2.3).
        var hostAllowed = trace.Allowed.Allows(host);
        var family = trace.IpVersion.ToAddressFamily();
        string? refusal = null;
        SocketException? failure = null;
        string? failedAt = null;
        foreach (var address in addresses)
        {
            if (family != AddressFamily.Unspecified && address.AddressFamily != family)
            {
                continue;
            }
            if (!hostAllowed && TargetGuard.IsRestricted(address, out var why) && !trace.Allowed.Allows(address))
            {
                refusal ??= literal is null ? $"{host} resolves to {address}, {why}" : $"{address} is {why}";
                continue;
            }
            var endpoint = new IPEndPoint(address, port);
            trace.Phase = ProbePhase.Connecting;
            trace.Target = endpoint.ToString();
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(endpoint, cancellationToken);
                trace.Address = endpoint;
                return socket;
            }
            catch (SocketException e)
            {
                socket.Dispose();
                (failure, failedAt) = (e, endpoint.ToString());
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        if (failure is not null)
        {
            throw new ProbeFailedException(ProbeReasons.Connect(failedAt!, failure));
        }
        if (refusal is not null)
        {
            throw new ProbeFailedException($"refused: {refusal}; {TargetGuard.AllowHint}");
        }
        throw new ProbeFailedException($"{host} has no {(family == AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4")} address (ipVersion {trace.IpVersion.ToName()})");
    }

    private static async Task<IPAddress[]> ResolveAsync(string host, ProbeTrace trace, CancellationToken cancellationToken)
    {
        trace.Phase = ProbePhase.Resolving;
        trace.Target = host;
        try
        {
            var addresses = await Dns.GetHostAddressesAsync(host, trace.IpVersion.ToAddressFamily(), cancellationToken);
            return addresses.Length > 0 ? addresses : throw new ProbeFailedException($"{host} has no address records");
        }
        catch (SocketException e)
        {
            throw new ProbeFailedException(ProbeReasons.Resolve(host, e));
        }
    }
}
