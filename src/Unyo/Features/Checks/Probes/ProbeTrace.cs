using System.Net;

namespace Unyo.Features.Checks.Probes;

// Where one attempt of a probe got to, so a timeout can say what it was waiting for, and which
// address it connected to. Written by the connecting code (possibly on another thread), read
// after the attempt ended; a stale read only words a reason less precisely.
internal sealed class ProbeTrace(TargetAllowList allowed, ProbeIpVersion ipVersion)
{
    public TargetAllowList Allowed { get; } = allowed;

    public ProbeIpVersion IpVersion { get; } = ipVersion;

    public ProbePhase Phase { get; set; }

    // The host being resolved or the endpoint being connected to, in the words of the reason.
    public string? Target { get; set; }

    // The address and port the probe connected to last.
    public IPEndPoint? Address { get; set; }

    public long BytesRead { get; set; }
}
