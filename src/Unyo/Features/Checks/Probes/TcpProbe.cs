namespace Unyo.Features.Checks.Probes;

// A TCP check: the port accepts a connection (through the target guard), nothing more.
internal sealed class TcpProbe(TimeProvider time)
{
    public async Task<ProbeResult> RunAsync(TcpProbeSettings settings, TargetAllowList allowed, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var trace = new ProbeTrace(allowed, settings.IpVersion);
        var started = time.GetTimestamp();
        using var deadline = new CancellationTokenSource(timeout, time);
        using var link = cancellationToken.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), deadline);
        try
        {
            using var socket = await GuardedConnector.ConnectAsync(settings.Host, settings.Port, trace, deadline.Token);
            var latency = HttpProbe.Milliseconds(time.GetElapsedTime(started));
            return new ProbeResult(ProbeOutcome.Up, latency, null, new Dictionary<string, string> { ["address"] = trace.Address!.ToString() });
        }
        catch (Exception e) when (e is ProbeFailedException or OperationCanceledException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var reason = e is ProbeFailedException ? e.Message : ProbeReasons.TimedOut(timeout, trace, $"{settings.Host}:{settings.Port}");
            return new ProbeResult(ProbeOutcome.Down, HttpProbe.Milliseconds(time.GetElapsedTime(started)), reason, null);
        }
    }
}
