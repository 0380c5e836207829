using System.Diagnostics.CodeAnalysis;

namespace Unyo.Features.Maintenance;

// Every maintenance window as of one read, for what other features ask: what is under
// maintenance at an instant, and which spans of time a service spent in maintenance. Immutable
// but for each window's expansion cache; safe to share between threads.
public sealed class MaintenanceTimetable
{
    private readonly IReadOnlyList<Entry> _entries;
    private readonly Dictionary<string, Entry> _byName;

    public MaintenanceTimetable(IEnumerable<(Guid Id, string Team, IReadOnlyCollection<Guid> ServiceIds, IReadOnlyCollection<string> Checks, WindowOccurrences Occurrences)> windows)
    {
        _entries = [.. windows.Select(w => new Entry(w.Id, w.Team, [.. w.ServiceIds], new HashSet<string>(w.Checks, StringComparer.Ordinal), w.Occurrences))];
        _byName = _entries.ToDictionary(e => e.Occurrences.Name, StringComparer.Ordinal);
    }

    public static MaintenanceTimetable Empty { get; } = new([]);

    public int Count => _entries.Count;

    // Whether any window names single checks (if none does, callers need not ask which check
    // feeds what).
    public bool NamesChecks => _entries.Any(e => e.Checks.Count > 0);

    public WindowOccurrences? Window(string name) => _byName.GetValueOrDefault(name)?.Occurrences;

    // Every occurrence under way at `at`, by window name.
    public IReadOnlyList<MaintenanceOccurrence> ActiveAt(DateTimeOffset at) =>
        [.. _entries.Select(e => e.Occurrences.ActiveAt(at)).OfType<MaintenanceOccurrence>().OrderBy(o => o.Window, StringComparer.Ordinal)];

    // Whether a window covers the check at `at`, by its name or by its service. One that holds
    // alerts back is preferred, so callers deciding about an alert see the window that matters.
    public bool CoversCheck(Guid serviceId, string checkName, DateTimeOffset at, [NotNullWhen(true)] out MaintenanceOccurrence? window) =>
        Covers(e => e.ServiceIds.Contains(serviceId) || e.Checks.Contains(checkName), at, out window);

    // Whether a window covering the whole service is under way at `at` (windows on single checks
    // do not count: the rest of the service is not under maintenance).
    public bool CoversService(Guid serviceId, DateTimeOffset at, [NotNullWhen(true)] out MaintenanceOccurrence? window) =>
        Covers(e => e.ServiceIds.Contains(serviceId), at, out window);

    // Whether a window that names the check itself is under way at `at` (windows on its whole
    // service are CoversService's). One that holds alerts back is preferred.
    public bool NamesCheck(string checkName, DateTimeOffset at, [NotNullWhen(true)] out MaintenanceOccurrence? window) =>
        Covers(e => e.Checks.Contains(checkName), at, out window);

    // The spans of windows covering the service, or naming `check` when given (the check whose
    // results feed an SLI), that overlap [from, to), oldest first, merged where they overlap or
    // touch, not cut at from and to.
    public IReadOnlyList<(DateTimeOffset Start, DateTimeOffset End)> IntervalsFor(Guid serviceId, string? check, DateTimeOffset from, DateTimeOffset to)
    {
        var spans = _entries.Where(e => e.ServiceIds.Contains(serviceId) || (check is not null && e.Checks.Contains(check)))
            .SelectMany(e => e.Occurrences.Between(from, to))
            .Select(o => (o.Start, o.End))
            .OrderBy(s => s.Start)
            .ToList();
        var merged = new List<(DateTimeOffset Start, DateTimeOffset End)>(spans.Count);
        foreach (var span in spans)
        {
            if (merged.Count > 0 && span.Start <= merged[^1].End)
            {
                merged[^1] = (merged[^1].Start, span.End > merged[^1].End ? span.End : merged[^1].End);
            }
            else
            {
                merged.Add(span);
            }
        }
        return merged;
    }

    // The occurrences of windows covering the whole service that overlap [from, to), oldest
    // first: for pages.
    public IReadOnlyList<MaintenanceOccurrence> ForService(Guid serviceId, DateTimeOffset from, DateTimeOffset to) =>
        [.. _entries.Where(e => e.ServiceIds.Contains(serviceId)).SelectMany(e => e.Occurrences.Between(from, to)).OrderBy(o => o.Start).ThenBy(o => o.Window, StringComparer.Ordinal)];

    private bool Covers(Func<Entry, bool> scope, DateTimeOffset at, out MaintenanceOccurrence? window)
    {
        window = null;
        foreach (var entry in _entries.Where(scope))
        {
            if (entry.Occurrences.ActiveAt(at) is { } active && (window is null || (active.SuppressAlerts && !window.SuppressAlerts)))
            {
                window = active;
            }
        }
        return window is not null;
    }

    private sealed record Entry(Guid Id, string Team, HashSet<Guid> ServiceIds, HashSet<string> Checks, WindowOccurrences Occurrences);
}
