using System.Text.Json.Nodes;
using Unyo.Features.ConfigAsCode;

namespace Unyo.Features.Telemetry;

// An SLI as the API and YAML describe it, after validation and defaults: the canonical form
// that plans compare, exports write and audit records keep.
public sealed record SliDefinition(string Name, string Service, string? Description, SliKind Kind, int? LatencyThresholdMs, SliSourceSettings Settings)
{
    public const string KindName = "SLI";

    public SliSource Source => Settings.Source;

    public static SliDefinition From(Sli sli, string service) =>
        new(sli.Name, service, sli.Description, sli.Kind, sli.LatencyThresholdMs, SliSourceSettings.FromStored(sli.Source, sli.Kind, sli.SourceSettings));

    // The team is the service's: an SLI has no owner of its own, so metadata holds only the name.
    public JsonObject ToDocument() => ConfigDocuments.Document(KindName,
        new JsonObject { ["name"] = Name },
        new JsonObject()
            .With("service", Service)
            .With("description", Description)
            .With("kind", Kind.ToName())
            .With("latencyThresholdMs", LatencyThresholdMs)
            .With("source", Source.ToName())
            .With("otlp", Settings.OtlpDocument())
            .With("prometheus", Settings.PrometheusDocument())
            .With("check", Settings.Check));

    // Copies everything but the service, which needs an id.
    public void CopyTo(Sli sli)
    {
        sli.Name = Name;
        sli.Description = Description;
        sli.Kind = Kind;
        sli.LatencyThresholdMs = LatencyThresholdMs;
        sli.Source = Source;
        sli.SourceSettings = Settings.ToStored();
    }
}
