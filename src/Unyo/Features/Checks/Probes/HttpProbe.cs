using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Unyo.Features.Checks.Probes;

// Runs HTTP checks. Each attempt opens a fresh connection, as a new user would: latency includes
// DNS, connect and TLS, DNS changes are seen at once, and every connection passes the target
// guard in the connect callback (redirect hops and re-resolved names included). The handlers are
// shared, one per (verifyTls, ipVersion), with pooling turned off rather than one per check.
internal sealed partial class HttpProbe : IDisposable
{
    private static readonly HttpRequestOptionsKey<ProbeTrace> TraceKey = new("unyo.probe.trace");
    private static readonly int IpVersions = Enum.GetValues<ProbeIpVersion>().Length;

    private readonly TimeProvider _time;
    private readonly CertificateJudge _judge;
    private readonly HttpMessageInvoker[] _invokers;

    public HttpProbe(TimeProvider time, CertificateJudge judge)
    {
        (_time, _judge) = (time, judge);
        _invokers = [.. from verify in new[] { true, false } from version in Enum.GetValues<ProbeIpVersion>() select new HttpMessageInvoker(Handler(verify))];
    }

    private HttpMessageInvoker Invoker(HttpProbeSettings settings) =>
        _invokers[(settings.VerifyTls ? 0 : IpVersions) + (int)settings.IpVersion];

    private SocketsHttpHandler Handler(bool verifyTls) => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        // Probes go straight to the target: a proxy from the environment would connect on its
        // own, past the guard, and measure itself.
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.All,
        PooledConnectionLifetime = TimeSpan.Zero,
        PooledConnectionIdleTimeout = TimeSpan.Zero,
        // A cut-off body is not drained: the connection is closed instead.
        MaxResponseDrainSize = 0,
        // Bounds a connection attempt that outlives the probe that started it.
        ConnectTimeout = TimeSpan.FromSeconds(60),
        ActivityHeadersPropagator = null,
        ConnectCallback = ConnectAsync,
        PlaintextStreamFilter = (context, _) =>
        {
            Trace(context.InitialRequestMessage)?.Phase = ProbePhase.WaitingForHeaders;
            return ValueTask.FromResult(context.PlaintextStream);
        },
        SslOptions = new SslClientAuthenticationOptions
        {
            CertificateChainPolicy = CertificateJudge.ChainPolicy(),
            RemoteCertificateValidationCallback = verifyTls ? VerifyCertificate : static (_, _, _, _) => true,
        },
    };

    private static ProbeTrace? Trace(HttpRequestMessage request) => request.Options.TryGetValue(TraceKey, out var trace) ? trace : null;

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var trace = Trace(context.InitialRequestMessage) ?? throw new InvalidOperationException("A probe request carries its trace.");
        var socket = await GuardedConnector.ConnectAsync(context.DnsEndPoint.Host, context.DnsEndPoint.Port, trace, cancellationToken);
        if (context.InitialRequestMessage.RequestUri?.Scheme == Uri.UriSchemeHttps)
        {
            trace.Phase = ProbePhase.TlsHandshake;
        }
        return new NetworkStream(socket, ownsSocket: true);
    }

    // Thrown rather than answered false, so the reason (expired, wrong name, untrusted) reaches
    // the result instead of SslStream's generic "rejected by the callback".
    private bool VerifyCertificate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }
        var serverName = (sender as SslStream)?.TargetHostName ?? "";
        var problem = _judge.Problem(certificate as X509Certificate2, chain, errors, serverName, _time.GetUtcNow());
        return problem is null ? true : throw new ProbeFailedException(problem);
    }

    public void Dispose()
    {
        foreach (var invoker in _invokers)
        {
            invoker.Dispose();
        }
    }
}
