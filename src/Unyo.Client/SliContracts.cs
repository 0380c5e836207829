namespace Unyo.Client;

/// <summary>Creates or replaces a service level indicator. Checked by the same validator the YAML kind <c>SLI</c> uses.</summary>
public sealed record SliRequest
{
    /// <summary>Slug, unique in the organisation. Required on create; on replace it must match the URL.</summary>
    public string? Name { get; init; }
    /// <summary>Slug of the service whose users this indicator measures (required). The SLI belongs to that service's team.</summary>
    public string? Service { get; init; }
    /// <summary>What a good event is, in words people read on the SLO page; at most 2000 characters.</summary>
    public string? Description { get; init; }
    /// <summary><c>ratio</c> (good and total events as they arrive; the default) or <c>latency</c> (an event is good when answered within <see cref="LatencyThresholdMs"/>).</summary>
    public string? Kind { get; init; }
    /// <summary>For <c>latency</c> SLIs only, and required there: the threshold in milliseconds, 1 to 600000.</summary>
    public int? LatencyThresholdMs { get; init; }
    /// <summary>Where the events come from: <c>native</c> (<c>POST /api/v1/sli-events</c>), the default and for now the only source.</summary>
    public string? Source { get; init; }
}

/// <summary>A service level indicator. The <c>ETag</c> header of a single-SLI response carries its revision.</summary>
/// <param name="Name">Slug, unique in the organisation.</param>
/// <param name="Service">Slug of the service it measures.</param>
/// <param name="Team">Slug of the team that owns the service (and so the SLI).</param>
/// <param name="Description">What a good event is, if described.</param>
/// <param name="Kind">ratio or latency.</param>
/// <param name="LatencyThresholdMs">The latency threshold of a latency SLI; null for ratio SLIs.</param>
/// <param name="Source">Where the events come from: native.</param>
/// <param name="ManagedBy">api, ui or apply: only apply-managed objects are ever pruned.</param>
/// <param name="Revision">Increases with every change; the ETag is derived from it.</param>
/// <param name="CreatedAt">When it was created (UTC).</param>
/// <param name="UpdatedAt">When it last changed (UTC).</param>
public sealed record SliResponse(
    string Name,
    string Service,
    string Team,
    string? Description,
    string Kind,
    int? LatencyThresholdMs,
    string Source,
    string ManagedBy,
    int Revision,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
