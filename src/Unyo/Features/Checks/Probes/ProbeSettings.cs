namespace Unyo.Features.Checks.Probes;

// The validated, canonical settings of one probe type (HttpProbeSettings, TcpProbeSettings, ...).
// Stored on the check as one JSON column; the API and YAML show ToContract().
public abstract record ProbeSettings
{
    public abstract CheckType Type { get; }

    // The host name or address the probe connects to: per-host concurrency limits group by it,
    // and the target guard judges it. Empty for heartbeats, which connect nowhere.
    public abstract string TargetHost { get; }

    public abstract string ToStored();

    public abstract object ToContract();
}
