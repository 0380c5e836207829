using System.Text.Json;
using System.Text.Json.Nodes;
using Unyo.Client;
using Unyo.Features.Checks.Probes;
using Unyo.Features.ConfigAsCode;
using Unyo.Hosting;

namespace Unyo.Features.Checks;

// A check as the API and YAML describe it, after validation and defaults: the canonical form
// that plans compare, exports write and audit records keep. Probe is null for heartbeats and
// Heartbeat null for everything else.
public sealed record CheckDefinition(
    string Name,
    string Service,
    string? Description,
    CheckType Type,
    TimeSpan Interval,
    TimeSpan Timeout,
    int Retries,
    int DownAfter,
    int UpAfter,
    IReadOnlyList<string> Locations,
    int DownLocations,
    bool Enabled,
    ProbeSettings? Probe,
    HeartbeatSettings? Heartbeat)
{
    public const string KindName = "Check";
    public const string LocalLocation = "local";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    public string StoredSettings => Probe?.ToStored() ?? Heartbeat!.ToStored();

    public static CheckDefinition From(Check check, string service) => new(
        check.Name,
        service,
        check.Description,
        check.Type,
        TimeSpan.FromSeconds(check.IntervalSeconds),
        TimeSpan.FromSeconds(check.TimeoutSeconds),
        check.Retries,
        check.DownAfter,
        check.UpAfter,
        [.. check.Locations],
        check.DownLocations,
        check.Enabled,
        check.Type == CheckType.Heartbeat ? null : ProbeSettingsValidator.FromStored(check.Type, check.Settings),
        check.Type == CheckType.Heartbeat ? HeartbeatSettings.FromStored(check.Settings) : null);

    // The team is the service's: a check has no owner of its own, so metadata holds only the name.
    // Heartbeats leave out what does not apply to them (interval, timeout, retries, locations).
    public JsonObject ToDocument()
    {
        var spec = new JsonObject()
            .With("service", Service)
            .With("description", Description)
            .With("type", Type.ToName());
        if (Type != CheckType.Heartbeat)
        {
            spec.With("interval", Durations.Format(Interval))
                .With("timeout", Durations.Format(Timeout))
                .With("retries", Retries)
                .With("downAfter", DownAfter)
                .With("upAfter", UpAfter)
                .With("locations", new JsonArray([.. Locations.Select(l => JsonValue.Create(l))]))
                .With("downLocations", DownLocations);
        }
        spec.With("enabled", Enabled);
        spec.With(Type.ToName(), Probe is not null
            ? JsonSerializer.SerializeToNode(Probe.ToContract(), Probe.ToContract().GetType(), Json)!.AsObject()
            : JsonSerializer.SerializeToNode(Heartbeat!.ToContract(), Json)!.AsObject());
        return ConfigDocuments.Document(KindName, new JsonObject { ["name"] = Name }, spec);
    }

    // The definition as the API takes it: what probe agents receive and validate again.
    public CheckRequest ToRequest()
    {
        var probe = Probe?.ToContract();
        var heartbeat = Type == CheckType.Heartbeat;
        return new CheckRequest
        {
            Name = Name,
            Service = Service,
            Description = Description,
            Type = Type.ToName(),
            Interval = heartbeat ? null : Durations.Format(Interval),
            Timeout = heartbeat ? null : Durations.Format(Timeout),
            Retries = heartbeat ? null : Retries,
            DownAfter = heartbeat ? null : DownAfter,
            UpAfter = heartbeat ? null : UpAfter,
            Locations = heartbeat ? null : [.. Locations],
            DownLocations = heartbeat ? null : DownLocations,
            Enabled = Enabled,
            Http = probe as HttpCheckRequest,
            Tcp = probe as TcpCheckRequest,
            Tls = probe as TlsCheckRequest,
            Dns = probe as DnsCheckRequest,
            Heartbeat = Heartbeat?.ToContract(),
        };
    }

    // Copies everything but the service, which needs an id.
    public void CopyTo(Check check)
    {
        check.Name = Name;
        check.Description = Description;
        check.Type = Type;
        check.IntervalSeconds = (int)Interval.TotalSeconds;
        check.TimeoutSeconds = (int)Timeout.TotalSeconds;
        check.Retries = Retries;
        check.DownAfter = DownAfter;
        check.UpAfter = UpAfter;
        check.Locations = [.. Locations];
        check.DownLocations = DownLocations;
        check.Enabled = Enabled;
        check.Settings = StoredSettings;
    }
}
