namespace Unyo.Features.Maintenance;

// The occurrences of one window: its schedule expanded, with the occurrences ended early cut
// short. Expansion is bounded: one read expands at most MaxPerRead starts (a window recurs at
// most hourly, so that is more than a year), and the last expansion is kept, with a margin on
// both sides, so the many reads of "now" and of an SLO's window cost a binary search.
public sealed class WindowOccurrences
{
    public const int MaxPerRead = 12_000;

    private static readonly TimeSpan Margin = TimeSpan.FromDays(35);
    // Wall-clock arithmetic around a DST change moves starts by at most a few hours.
    private static readonly TimeSpan Slack = TimeSpan.FromDays(1);

    private readonly string _name;
    private readonly string _title;
    private readonly bool _suppressAlerts;
    private readonly MaintenanceSchedule _schedule;
    private readonly WindowRecurrence? _recurrence;
    private readonly TimeZoneInfo _zone;
    private readonly IReadOnlyDictionary<DateTimeOffset, DateTimeOffset> _cuts;
    private volatile Expansion? _cache;

    public WindowOccurrences(string name, string title, bool suppressAlerts, MaintenanceSchedule schedule, IEnumerable<(DateTimeOffset OccurrenceStart, DateTimeOffset EndedAt)> cuts)
    {
        (_name, _title, _suppressAlerts, _schedule) = (name, title, suppressAlerts, schedule);
        _recurrence = schedule.CompileRecurrence();
        _zone = schedule.Zone;
        _cuts = cuts.GroupBy(c => c.OccurrenceStart).ToDictionary(g => g.Key, g => g.Min(c => c.EndedAt));
    }

    public string Name => _name;

    // Occurrences overlapping [from, to), oldest first.
    public IReadOnlyList<MaintenanceOccurrence> Between(DateTimeOffset from, DateTimeOffset to)
    {
        var cache = _cache;
        if (cache is null || from < cache.From || to > cache.To)
        {
            _cache = cache = Expand(from - Margin, to + Margin);
        }
        var found = new List<MaintenanceOccurrence>();
        // Starts only increase, and nothing lasts longer than the duration: whatever overlaps
        // `from` starts after from - duration.
        var items = cache.Items;
        var earliest = from - _schedule.Duration;
        int low = 0, high = items.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (items[middle].Start <= earliest)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        for (var i = low; i < items.Count && items[i].Start < to; i++)
        {
            if (items[i].End > from)
            {
                found.Add(items[i]);
            }
        }
        return found;
    }

    public MaintenanceOccurrence? ActiveAt(DateTimeOffset at) => Between(at, at.AddTicks(1)).FirstOrDefault(o => o.Covers(at));

    // The next occurrence that begins after `at`, looking up to a year and a bit ahead.
    public MaintenanceOccurrence? NextAfter(DateTimeOffset at) => Between(at, at + TimeSpan.FromDays(400)).FirstOrDefault(o => o.Start > at);

    private Expansion Expand(DateTimeOffset from, DateTimeOffset to)
    {
        var items = new List<MaintenanceOccurrence>();
        if (_recurrence is null)
        {
            Add(items, _schedule.Start!.Value, _schedule.End!.Value, from, to);
            return new Expansion(from, to, items);
        }
        var duration = _schedule.Duration;
        var until = _schedule.Until ?? DateTimeOffset.MaxValue;
        var stop = (until < to ? until : to) + Slack;
        var last = DateTimeOffset.MinValue;
        var read = 0;
        foreach (var local in _recurrence.StartsFrom(WallClock.ToLocal(from - duration, _zone) - Slack))
        {
            var start = WallClock.ToInstant(local, _zone);
            if (start >= stop)
            {
                break;
            }
            if (++read > MaxPerRead)
            {
                // Capped: this expansion holds what it reached, and says so by where it ends.
                return new Expansion(from, last, items);
            }
            // Two wall-clock starts can meet in one instant across a spring gap; it is one occurrence.
            if (start <= last || start >= until)
            {
                continue;
            }
            last = start;
            Add(items, start, start + duration, from, to);
        }
        return new Expansion(from, to, items);
    }

    private void Add(List<MaintenanceOccurrence> items, DateTimeOffset start, DateTimeOffset end, DateTimeOffset from, DateTimeOffset to)
    {
        var endedEarly = false;
        if (_cuts.TryGetValue(start, out var endedAt) && endedAt < end)
        {
            (end, endedEarly) = (endedAt, true);
        }
        if (end > start && end > from && start < to)
        {
            items.Add(new MaintenanceOccurrence(_name, _title, start, end, endedEarly, _suppressAlerts));
        }
    }

    private sealed record Expansion(DateTimeOffset From, DateTimeOffset To, List<MaintenanceOccurrence> Items);
}
