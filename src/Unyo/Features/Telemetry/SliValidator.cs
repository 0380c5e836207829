using Unyo.Client;
using Unyo.Hosting;

namespace Unyo.Features.Telemetry;

// Field rules for an SLI, shared by the API and YAML. Keys are the request's field names;
// whether the service exists is checked where the state is known (SliCatalog, SliKind).
public static class SliValidator
{
    public const int MaxLatencyThresholdMs = 600_000;

    public static SliDefinition? Validate(SliRequest request, ValidationErrors errors)
    {
        Slugs.Check(request.Name, "name", errors);
        Slugs.Check(request.Service, "service", errors);
        if (request.Description is { Length: > 2000 })
        {
            errors.Add("description", "must be at most 2000 characters.");
        }
        var kind = SliKind.Ratio;
        if (request.Kind is not null && !TryParse(request.Kind, out kind))
        {
            errors.Add("kind", $"'{request.Kind}' must be ratio or latency.");
        }
        else if (kind == SliKind.Latency && request.LatencyThresholdMs is null)
        {
            errors.Add("latencyThresholdMs", "is required for a latency SLI: events answered within it are good.");
        }
        else if (kind == SliKind.Latency && request.LatencyThresholdMs is < 1 or > MaxLatencyThresholdMs)
        {
            errors.Add("latencyThresholdMs", $"must be between 1 and {MaxLatencyThresholdMs} milliseconds.");
        }
        else if (kind == SliKind.Ratio && request.LatencyThresholdMs is not null)
        {
            errors.Add("latencyThresholdMs", "applies only to latency SLIs; a ratio SLI counts good and total events as sent.");
        }
        var source = SliSource.Native;
        if (request.Source is not null && !TryParse(request.Source, out source))
        {
            errors.Add("source", $"'{request.Source}' must be native (POST /api/v1/sli-events), otlp (POST /v1/metrics), prometheus (PromQL read once a minute) or check (a synthetic check's results).");
        }
        var settings = errors.Has("source") ? null : SliSourceSettings.Validate(source, kind, request.Otlp, request.Prometheus, request.Check, errors);
        if (!errors.IsEmpty || settings is null)
        {
            return null;
        }
        return new SliDefinition(
            request.Name!,
            request.Service!,
            string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim(),
            kind,
            kind == SliKind.Latency ? request.LatencyThresholdMs : null,
            settings);
    }

    public static string ToName(this SliKind kind) => kind.ToString().ToLowerInvariant();

    public static string ToName(this SliSource source) => source.ToString().ToLowerInvariant();

    private static bool TryParse<T>(string value, out T parsed) where T : struct, Enum =>
        Enum.TryParse(value, ignoreCase: true, out parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _);
}
