using System.Runtime.InteropServices;
using Unyo.Data;

namespace Unyo.Features.Telemetry.Otlp;

// What one request's points come to: good and total per (SLI, minute), the series states to
// save, and what could not be used (rejected points for the response, one error per SLI for its
// source status).
public sealed class OtlpAggregation
{
    public const int MaxReasons = 5;

    private readonly Dictionary<(Guid Sli, long Minute), (long Good, long Total)> _minutes = [];
    private readonly Dictionary<(Guid Sli, long Minute), List<OtlpPoint>> _minutePoints = [];
    private readonly Dictionary<string, int> _reasons = new(StringComparer.Ordinal);
    private readonly HashSet<OtlpPoint> _rejected = new(ReferenceEqualityComparer.Instance);

    public List<OtlpSeries> Added { get; } = [];

    public Dictionary<Guid, string> Errors { get; } = [];

    // SLIs that at least one usable point reached.
    public HashSet<Guid> Fed { get; } = [];

    public int Rejected => _rejected.Count;

    public IReadOnlyDictionary<(Guid Sli, long Minute), (long Good, long Total)> Minutes => _minutes;

    // "3 data points were not used: 2 × …; 1 × …", the most frequent reasons first.
    public string? RejectionMessage => _rejected.Count == 0 ? null
        : $"{_rejected.Count} data point{(_rejected.Count == 1 ? " was" : "s were")} not used: "
          + string.Join("; ", _reasons.OrderByDescending(r => r.Value).Take(MaxReasons).Select(r => $"{r.Value} × {r.Key}"))
          + (_reasons.Count > MaxReasons ? $"; and {_reasons.Count - MaxReasons} other reasons" : "");

    internal void Add(OtlpUse use, long minute, long good, long total)
    {
        ref var counts = ref CollectionsMarshal.GetValueRefOrAddDefault(_minutes, (use.Sli.Id, minute), out _);
        counts.Good += good;
        counts.Total += total;
        ref var points = ref CollectionsMarshal.GetValueRefOrAddDefault(_minutePoints, (use.Sli.Id, minute), out _);
        (points ??= []).Add(use.Point);
        Fed.Add(use.Sli.Id);
    }

    // A point that arrived and was read but changed nothing (a baseline, a repeat).
    internal void Saw(OtlpUse use) => Fed.Add(use.Sli.Id);

    internal void Reject(OtlpUse use, string reason, bool sourceError = true)
    {
        _rejected.Add(use.Point);
        var text = $"metric '{use.Metric.Name}' {reason}";
        _reasons[text] = _reasons.GetValueOrDefault(text) + 1;
        if (sourceError)
        {
            Errors.TryAdd(use.Sli.Id, text);
        }
    }

    // A ratio of good > total in a minute means the selectors do not nest: nothing of that
    // minute is written, and the SLI says why.
    internal void DropInconsistentMinutes(Func<Guid, string> name)
    {
        foreach (var ((sli, minute), (good, total)) in _minutes.Where(m => m.Value.Good > m.Value.Total).ToList())
        {
            _minutes.Remove((sli, minute));
            var reason = $"counted {good} good but {total} total events in {SliMinute.Start(minute):yyyy-MM-dd HH:mm} UTC: the good selector must select a subset of what the total selector selects; the minute was not written";
            Errors.TryAdd(sli, $"SLI '{name(sli)}' {reason}");
            var points = _minutePoints[(sli, minute)];
            _reasons[$"SLI '{name(sli)}' {reason}"] = _reasons.GetValueOrDefault($"SLI '{name(sli)}' {reason}") + points.Count;
            _rejected.UnionWith(points);
        }
    }

    public CounterDelta[] ToDeltas() => [.. _minutes.Select(m => new CounterDelta(m.Key.Sli, m.Key.Minute, m.Value.Good, m.Value.Total))];
}
