namespace Unyo.Features.Telemetry.Ingest;

// What ingest needs to know of an SLI. A class: the parser compares targets by reference.
public sealed record SliTarget(Guid Id, string Name, SliKind Kind, int? LatencyThresholdMs, SliSource Source = SliSource.Native);

// An immutable snapshot of SLI names, looked up by span so the hot path allocates no strings.
public sealed class SliNames
{
    public static readonly SliNames Empty = new([], DateTimeOffset.MinValue);

    private readonly Dictionary<string, SliTarget> _byName;
    private readonly Dictionary<string, SliTarget>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public SliNames(IEnumerable<SliTarget> targets, DateTimeOffset loadedAt)
    {
        _byName = targets.ToDictionary(t => t.Name, StringComparer.Ordinal);
        _lookup = _byName.GetAlternateLookup<ReadOnlySpan<char>>();
        LoadedAt = loadedAt;
    }

    // When the full list was read; names found later are added without changing it.
    public DateTimeOffset LoadedAt { get; }

    public int Count => _byName.Count;

    public bool TryFind(ReadOnlySpan<char> name, out SliTarget target) => _lookup.TryGetValue(name, out target!);

    public bool Contains(string name) => _byName.ContainsKey(name);

    public SliNames With(IEnumerable<SliTarget> found) => new(_byName.Values.Concat(found).DistinctBy(t => t.Name), LoadedAt);
}
