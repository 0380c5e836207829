using Unyo.Features.Alerts.Matching;

namespace Unyo.Features.Alerts.Silences;

// The silences of one load, filed by the service an equality matcher pins them to; the rest are
// looked at for every alert. Immutable, so readers need no lock.
public sealed class SilenceSnapshot
{
    public static readonly SilenceSnapshot Empty = new([]);

    private readonly Dictionary<string, SilenceEntry[]> _byService;
    private readonly SilenceEntry[] _unpinned;

    public SilenceSnapshot(IReadOnlyList<SilenceEntry> entries)
    {
        Entries = entries;
        _byService = entries.Where(e => e.PinnedService is not null).GroupBy(e => e.PinnedService!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        _unpinned = [.. entries.Where(e => e.PinnedService is null)];
        EarliestEnd = entries.Count == 0 ? DateTimeOffset.MaxValue : entries.Min(e => e.End);
    }

    // When the first of these silences ends: the book reloads then, so ended ones do not pile up.
    public DateTimeOffset EarliestEnd { get; }

    public IReadOnlyList<SilenceEntry> Entries { get; }

    public string? Find(AlertFacts facts, DateTimeOffset at)
    {
        if (_byService.TryGetValue(facts.Service, out var pinned))
        {
            foreach (var entry in pinned)
            {
                if (entry.Covers(facts, at))
                {
                    return entry.Name;
                }
            }
        }
        foreach (var entry in _unpinned)
        {
            if (entry.Covers(facts, at))
            {
                return entry.Name;
            }
        }
        return null;
    }
}
