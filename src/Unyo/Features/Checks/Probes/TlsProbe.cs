using System.Globalization;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Unyo.Features.Checks.Probes;

// A TLS check: handshake with SNI, then judge the certificate the server sent (chain, name,
// expiry) and how many days it has left, against the check's warnDays and failDays.
internal sealed class TlsProbe(TimeProvider time, CertificateJudge judge)
{
    public async Task<ProbeResult> RunAsync(TlsProbeSettings settings, TargetAllowList allowed, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var trace = new ProbeTrace(allowed, settings.IpVersion);
        var started = time.GetTimestamp();
        using var deadline = new CancellationTokenSource(timeout, time);
        using var link = cancellationToken.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), deadline);
        var serverName = settings.EffectiveServerName;
        try
        {
            var socket = await GuardedConnector.ConnectAsync(settings.Host, settings.Port, trace, deadline.Token);
            await using var tls = new SslStream(new NetworkStream(socket, ownsSocket: true));
            trace.Phase = ProbePhase.TlsHandshake;
            string? problem = null;
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = serverName,
                CertificateChainPolicy = CertificateJudge.ChainPolicy(),
                // Every certificate is accepted for the handshake to finish; the judge decides.
                RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
                {
                    problem = judge.Problem(certificate as X509Certificate2, chain, errors, serverName, time.GetUtcNow());
                    return true;
                },
            }, deadline.Token);
            var latency = HttpProbe.Milliseconds(time.GetElapsedTime(started));
            if (tls.RemoteCertificate is not X509Certificate2 certificate)
            {
                return new ProbeResult(ProbeOutcome.Down, latency, "TLS: the server sent no certificate", Details(trace, null, null, tls));
            }
            var daysLeft = (int)Math.Floor((certificate.NotAfter.ToUniversalTime() - time.GetUtcNow().UtcDateTime).TotalDays);
            var expires = CertificateJudge.Date(certificate.NotAfter);
            var (outcome, reason) = problem is not null ? (ProbeOutcome.Down, problem)
                : daysLeft < settings.FailDays ? (ProbeOutcome.Down, $"TLS: certificate expires in {Days(daysLeft)} (on {expires}), under failDays {settings.FailDays}")
                : daysLeft < settings.WarnDays ? (ProbeOutcome.Degraded, $"TLS: certificate expires in {Days(daysLeft)} (on {expires}), under warnDays {settings.WarnDays}")
                : (ProbeOutcome.Up, $"certificate valid for {Days(daysLeft)} more (until {expires})");
            return new ProbeResult(outcome, latency, reason, Details(trace, certificate, daysLeft, tls));
        }
        catch (Exception e) when (e is ProbeFailedException or OperationCanceledException or AuthenticationException or IOException or SocketException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var reason = e switch
            {
                _ when deadline.IsCancellationRequested => ProbeReasons.TimedOut(timeout, trace, $"{settings.Host}:{settings.Port}"),
                ProbeFailedException => e.Message,
                _ => $"TLS handshake with {trace.Target} failed: {e.Message}",
            };
            return new ProbeResult(ProbeOutcome.Down, HttpProbe.Milliseconds(time.GetElapsedTime(started)), reason, Details(trace, null, null, null));
        }
    }

    private static string Days(int days) => days == 1 ? "1 day" : $"{days} days";

    private static Dictionary<string, string>? Details(ProbeTrace trace, X509Certificate2? certificate, int? daysLeft, SslStream? tls)
    {
        if (trace.Address is null)
        {
            return null;
        }
        var details = new Dictionary<string, string>(StringComparer.Ordinal) { ["address"] = trace.Address.ToString() };
        if (certificate is not null)
        {
            details["certificateSubject"] = certificate.Subject;
            details["certificateIssuer"] = certificate.Issuer;
            details["certificateExpires"] = certificate.NotAfter.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            details["daysLeft"] = daysLeft!.Value.ToString(CultureInfo.InvariantCulture);
        }
        if (tls is not null)
        {
            details["tlsProtocol"] = tls.SslProtocol.ToString();
        }
        return details;
    }
}
