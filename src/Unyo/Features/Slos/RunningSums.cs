namespace Unyo.Features.Slos;

// The window sums of one SLI as of minute End: one per rolling length its SLOs ask for, one per
// calendar period start, and the minutes recent enough to still change (late data), each with the
// value the sums include. Kept by SloCycleState, which moves End forward minute by minute.
public sealed class RunningSums : IWindowSums
{
    private readonly Dictionary<long, EventCounts> _rolling = [];
    private readonly Dictionary<long, EventCounts> _calendar = [];

    public RunningSums(long end) => End = end;

    public long End { get; private set; }

    // Minute → the counts the sums include for it, for minutes after End − the ring's length.
    public Dictionary<long, EventCounts> Recent { get; } = [];

    // When each ring minute's row last changed (the database's clock).
    public Dictionary<long, long> RecentStamps { get; } = [];

    // Older minutes whose rows changed lately (by their stamp), with the counts the sums include,
    // so that reading such a row again is not mistaken for a change.
    public Dictionary<long, (EventCounts Counts, long Stamp)> Older { get; } = [];

    public IEnumerable<long> RollingLengths => _rolling.Keys;

    public IEnumerable<long> CalendarStarts => _calendar.Keys;

    public bool Tracks(IEnumerable<long> lengths) => lengths.All(_rolling.ContainsKey);

    public EventCounts Sum(long first, long last)
    {
        if (last != End)
        {
            throw new InvalidOperationException($"The sums are as of minute {End}, not {last}.");
        }
        return _rolling.TryGetValue(last - first + 1, out var counts) || _calendar.TryGetValue(first, out counts)
            ? counts
            : throw new InvalidOperationException($"No sum is kept for the minutes {first} to {last}.");
    }

    public void SetRolling(long length, EventCounts counts) => _rolling[length] = counts;

    public void SetCalendar(long start, EventCounts counts) => _calendar[start] = counts;

    public void ForgetCalendar(long start) => _calendar.Remove(start);

    // A minute the sums already include changed (late data): every window holding it moves by the
    // difference.
    public void Correct(long minute, EventCounts now, long stamp, long ringStart)
    {
        EventCounts before;
        if (minute >= ringStart)
        {
            before = Recent.GetValueOrDefault(minute);
            Recent[minute] = now;
            RecentStamps[minute] = stamp;
        }
        else
        {
            before = Older[minute].Counts;
            Older[minute] = (now, stamp);
        }
        var delta = now - before;
        if (delta == default)
        {
            return;
        }
        foreach (var length in _rolling.Keys)
        {
            if (minute > End - length)
            {
                _rolling[length] += delta;
            }
        }
        foreach (var start in _calendar.Keys)
        {
            if (minute >= start)
            {
                _calendar[start] += delta;
            }
        }
    }

    // Moves End to `end`: `entering` holds the minutes after the old End (only those with data),
    // `leaving(length, first, last)` the sum of the older minutes [first, last] that a rolling
    // window of that length drops and Recent no longer holds.
    public void Advance(long end, IReadOnlyDictionary<long, (EventCounts Counts, long Stamp)> entering, Func<long, long, long, EventCounts> leaving, long ringStart)
    {
        var previous = End;
        foreach (var length in _rolling.Keys.ToList())
        {
            // Minutes the old window held and the new one does not; minutes after the old End
            // were never added, so they are never taken away.
            var first = previous - length + 1;
            var last = Math.Min(previous, end - length);
            var dropped = default(EventCounts);
            for (var minute = Math.Max(first, ringStart); minute <= last; minute++)
            {
                dropped += Recent.GetValueOrDefault(minute);
            }
            if (first < ringStart && first <= last)
            {
                dropped += leaving(length, first, Math.Min(last, ringStart - 1));
            }
            var added = default(EventCounts);
            foreach (var (minute, row) in entering)
            {
                if (minute > end - length)
                {
                    added += row.Counts;
                }
            }
            _rolling[length] = _rolling[length] - dropped + added;
        }
        foreach (var start in _calendar.Keys.ToList())
        {
            var added = default(EventCounts);
            foreach (var (minute, row) in entering)
            {
                if (minute >= start)
                {
                    added += row.Counts;
                }
            }
            _calendar[start] += added;
        }
        foreach (var (minute, row) in entering)
        {
            Recent[minute] = row.Counts;
            RecentStamps[minute] = row.Stamp;
        }
        End = end;
    }

    // The sum of Recent from `start` to End, for a calendar period that began inside the ring.
    public EventCounts RecentFrom(long start)
    {
        var sum = default(EventCounts);
        foreach (var (minute, counts) in Recent)
        {
            if (minute >= start && minute <= End)
            {
                sum += counts;
            }
        }
        return sum;
    }

    // Drops ring minutes before `minute`, and older rows no cycle will read again (stamped
    // before the cursor). A minute that drops out of the ring while still being read again
    // moves to Older.
    public void Forget(long minute, long cursor)
    {
        foreach (var old in Recent.Keys.Where(m => m < minute).ToList())
        {
            if (RecentStamps[old] >= cursor)
            {
                Older[old] = (Recent[old], RecentStamps[old]);
            }
            Recent.Remove(old);
            RecentStamps.Remove(old);
        }
        foreach (var old in Older.Where(o => o.Value.Stamp < cursor).Select(o => o.Key).ToList())
        {
            Older.Remove(old);
        }
    }
}
