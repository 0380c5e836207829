using System.Text.Json;
using System.Text.Json.Serialization;

namespace Unyo.Features.Checks.Probes;

// The validated, canonical settings of one probe type (HttpProbeSettings, TcpProbeSettings, ...).
// Stored on the check as one JSON column; the API and YAML show ToContract().
public abstract record ProbeSettings
{
    // The stored form is the contract with every default filled in, so reading it back goes
    // through the same validator as a request (ProbeSettingsValidator.FromStored).
    private protected static readonly JsonSerializerOptions StoredJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public abstract CheckType Type { get; }

    // The host name or address the probe connects to: per-host concurrency limits group by it,
    // and the target guard judges it. Empty for heartbeats, which connect nowhere.
    public abstract string TargetHost { get; }

    public abstract string ToStored();

    // The request block (HttpCheckRequest, TcpCheckRequest, ...) with every default filled in,
    // so the API and YAML show the values in effect.
    public abstract object ToContract();
}
