namespace Unyo.Client;

/// <summary>A batch for <c>POST /api/v1/sli-events</c>: at most 100,000 events and 4 MiB. The whole batch is accepted or refused.</summary>
/// <param name="Events">The events, each in one of three forms: counts (<c>good</c> and <c>total</c>), one outcome (<c>ok</c>) or one latency (<c>latencyMs</c>).</param>
public sealed record SliEventsRequest(IReadOnlyList<SliEvent> Events);

/// <summary>One SLI event. Give exactly one form: <c>good</c> and <c>total</c>, or <c>ok</c>, or <c>latencyMs</c>.</summary>
public sealed record SliEvent
{
    /// <summary>The SLI's name.</summary>
    public required string Sli { get; init; }
    /// <summary>When it happened: RFC 3339 (<c>2026-03-02T10:15:00.123Z</c>), within the late-data horizon (2 h by default) and at most 2 min ahead of the server.</summary>
    public required DateTimeOffset Timestamp { get; init; }
    /// <summary>Counts form: good events, 0 to <c>total</c>.</summary>
    public long? Good { get; init; }
    /// <summary>Counts form: all events, 0 to 10^12.</summary>
    public long? Total { get; init; }
    /// <summary>One event: good or not.</summary>
    public bool? Ok { get; init; }
    /// <summary>One event of a latency SLI: good when at most the SLI's threshold.</summary>
    public double? LatencyMs { get; init; }
}

/// <summary>The batch was validated, aggregated and queued; it is written within about a second.</summary>
/// <param name="Accepted">How many items of <c>events</c> were taken.</param>
public sealed record SliEventsAccepted(int Accepted);
