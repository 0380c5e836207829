using System.Security.Cryptography.X509Certificates;

namespace Unyo.Features.Checks.Probes;

// Runs one check's probe: the attempt and its retries, each bounded by the timeout. Never throws
// for a target's failure, however it fails; only the caller's cancellation ends it with an
// OperationCanceledException. A singleton: its HTTP handlers and DNS client are shared.
public sealed class ProbeRunner : IDisposable
{
    private readonly HttpProbe _http;
    private readonly TcpProbe _tcp;
    private readonly TlsProbe _tls;
    private readonly DnsProbe _dns;

    // trustedRoots: certificate authorities trusted besides the system's (a private CA).
    public ProbeRunner(TimeProvider time, X509Certificate2Collection? trustedRoots = null)
    {
        var judge = new CertificateJudge(trustedRoots);
        _http = new HttpProbe(time, judge);
        _tcp = new TcpProbe(time);
        _tls = new TlsProbe(time, judge);
        _dns = new DnsProbe(time);
    }

    // Up to `retries` further attempts after a down one; the result is the last attempt's, with
    // the attempts counted.
    public async Task<ProbeResult> RunAsync(ProbeSettings settings, TimeSpan timeout, int retries, TargetAllowList allowed, CancellationToken cancellationToken)
    {
        ProbeResult result;
        var attempts = 0;
        do
        {
            attempts++;
            result = await AttemptAsync(settings, timeout, allowed, cancellationToken);
        }
        while (result.Outcome == ProbeOutcome.Down && attempts <= retries);
        return attempts == 1 ? result : result with { Attempts = attempts };
    }

    private async Task<ProbeResult> AttemptAsync(ProbeSettings settings, TimeSpan timeout, TargetAllowList allowed, CancellationToken cancellationToken)
    {
        try
        {
            return settings switch
            {
                HttpProbeSettings http => await _http.RunAsync(http, allowed, timeout, cancellationToken),
                TcpProbeSettings tcp => await _tcp.RunAsync(tcp, allowed, timeout, cancellationToken),
                TlsProbeSettings tls => await _tls.RunAsync(tls, allowed, timeout, cancellationToken),
                DnsProbeSettings dns => await _dns.RunAsync(dns, allowed, timeout, cancellationToken),
                _ => new ProbeResult(ProbeOutcome.Down, 0, $"{settings.Type.ToName()} checks are not probed", null),
            };
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A failure no probe foresaw still becomes a result, never a crash of the scheduler.
            return new ProbeResult(ProbeOutcome.Down, 0, $"probe failed unexpectedly: {e.GetType().Name}: {e.Message}", null);
        }
    }

    public void Dispose() => _http.Dispose();
}
