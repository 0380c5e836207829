using System.Globalization;
using System.Net.Sockets;

namespace Unyo.Features.Checks.Probes;

// Reasons in the words of a person on call: what failed, where, and for how long it was waited.
internal static class ProbeReasons
{
    public static string Duration(TimeSpan span) => span.TotalSeconds >= 1
        ? (span.TotalSeconds % 1 == 0 ? Invariant($"{span.TotalSeconds:0} s") : Invariant($"{span.TotalSeconds:0.#} s"))
        : Invariant($"{span.TotalMilliseconds:0} ms");

    public static string Size(long bytes) => bytes >= 1024 ? Invariant($"{bytes / 1024} KB") : Invariant($"{bytes} bytes");

    public static string TimedOut(TimeSpan timeout, ProbeTrace trace, string where)
    {
        var after = $"timed out after {Duration(timeout)}";
        return trace.Phase switch
        {
            ProbePhase.Resolving => $"{after} resolving {trace.Target}",
            ProbePhase.Connecting => $"{after} connecting to {trace.Target}",
            ProbePhase.TlsHandshake => $"{after} in the TLS handshake with {trace.Target}",
            ProbePhase.WaitingForHeaders => $"{after} waiting for response headers from {trace.Target}",
            ProbePhase.ReadingBody => $"{after} reading the body ({Size(trace.BytesRead)} read)",
            ProbePhase.Querying => $"{after} waiting for the answer of {trace.Target}",
            _ => $"{after} connecting to {where} or waiting for its answer",
        };
    }

    public static string Resolve(string host, SocketException e) => e.SocketErrorCode switch
    {
        SocketError.HostNotFound => $"cannot resolve {host}: no such host (NXDOMAIN)",
        SocketError.NoData => $"{host} has no address records",
        SocketError.TryAgain => $"cannot resolve {host}: the resolver failed for now (SERVFAIL or no answer)",
        _ => $"cannot resolve {host}: {e.Message}",
    };

    public static string Connect(string endpoint, SocketException e) => e.SocketErrorCode switch
    {
        SocketError.ConnectionRefused => $"connection refused by {endpoint}",
        SocketError.TimedOut => $"connection to {endpoint} timed out",
        SocketError.HostUnreachable or SocketError.HostDown => $"no route to {endpoint} (host unreachable)",
        SocketError.NetworkUnreachable or SocketError.NetworkDown => $"network unreachable for {endpoint}",
        SocketError.ConnectionReset => $"connection reset by {endpoint}",
        SocketError.AddressNotAvailable => $"cannot connect to {endpoint}: no local address for it",
        _ => $"cannot connect to {endpoint}: {e.Message}",
    };

    // At most `max` characters, for quoting targets' text and users' values inside a reason.
    public static string Clip(string text, int max = 100) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max), "…");

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
