using System.Text;

namespace Unyo.Features.Telemetry.Otlp;

// An SLI fed by OTLP, with what it selects.
public sealed record OtlpSli(Guid Id, string Name, SliKind Kind, int? LatencyThresholdMs, OtlpSelection Selection)
{
    public IEnumerable<OtlpSelector> Selectors => new[] { Selection.Good, Selection.Total, Selection.Histogram }.OfType<OtlpSelector>();
}

// The OTLP SLIs of one moment, indexed by the metric names they select, so the decoder can tell
// from a metric's name alone whether any of its points matter.
public sealed class OtlpSelections
{
    public static readonly OtlpSelections Empty = new([], DateTimeOffset.MinValue, -1);

    private const int MaxNameBytes = 1024;

    private readonly Dictionary<string, OtlpSli[]> _byMetric;
    private readonly Dictionary<string, OtlpSli[]>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public OtlpSelections(IEnumerable<OtlpSli> slis, DateTimeOffset loadedAt, int version)
    {
        _byMetric = slis
            .SelectMany(s => s.Selectors.Select(selector => (selector.Metric, Sli: s)))
            .GroupBy(p => p.Metric, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Sli).Distinct().ToArray(), StringComparer.Ordinal);
        _lookup = _byMetric.GetAlternateLookup<ReadOnlySpan<char>>();
        LoadedAt = loadedAt;
        Version = version;
    }

    public DateTimeOffset LoadedAt { get; }

    // SliDirectory's version when this was read: a change to SLIs on this node reloads at once.
    public int Version { get; }

    public int Metrics => _byMetric.Count;

    public IReadOnlyList<OtlpSli> For(string metric) => _byMetric.TryGetValue(metric, out var slis) ? slis : [];

    // Looks a metric's name up as sent (UTF-8), allocating its string only when it is selected.
    public bool TryFind(ReadOnlySpan<byte> utf8, out string name)
    {
        name = "";
        if (_byMetric.Count == 0 || utf8.Length > MaxNameBytes)
        {
            return false;
        }
        Span<char> chars = stackalloc char[MaxNameBytes];
        var length = Encoding.UTF8.GetChars(utf8, chars);
        if (!_lookup.TryGetValue(chars[..length], out var key, out _))
        {
            return false;
        }
        name = key;
        return true;
    }
}
