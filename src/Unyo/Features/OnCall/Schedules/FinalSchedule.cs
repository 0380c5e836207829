namespace Unyo.Features.OnCall.Schedules;

// Who is on call, moment by moment: the layers merged top-down (a higher layer wins wherever it
// has someone on call) with overrides above them all; the stretches where nobody is on call are
// the schedule's gaps.
public sealed record FinalSchedule(IReadOnlyList<FinalShift> Shifts, IReadOnlyList<(DateTimeOffset Start, DateTimeOffset End)> Gaps)
{
    public const string OverrideSource = "override";

    public FinalShift? At(DateTimeOffset at) => Shifts.FirstOrDefault(s => s.Start <= at && at < s.End);

    // Layers bottom first, as they are listed; overrides must not overlap one another.
    public static FinalSchedule Compute(IReadOnlyList<ScheduleLayer> layers, IReadOnlyList<Shift> overrides, TimeZoneInfo zone, DateTimeOffset from, DateTimeOffset to)
    {
        var levels = new List<(string Source, List<Shift> Shifts)>(layers.Count + 1);
        levels.AddRange(layers.Select(l => (l.Name, LayerShifts.Between(l, zone, from, to))));
        levels.Add((OverrideSource, [.. overrides.Where(o => o.End > from && o.Start < to)
            .Select(o => o with { Start = o.Start < from ? from : o.Start, End = o.End > to ? to : o.End }).OrderBy(o => o.Start)]));

        var bounds = new SortedSet<DateTimeOffset> { from, to };
        foreach (var (_, shifts) in levels)
        {
            foreach (var shift in shifts)
            {
                bounds.Add(shift.Start);
                bounds.Add(shift.End);
            }
        }
        var next = new int[levels.Count];
        var merged = new List<FinalShift>();
        var gaps = new List<(DateTimeOffset Start, DateTimeOffset End)>();
        DateTimeOffset? previous = null;
        foreach (var bound in bounds)
        {
            if (previous is { } start)
            {
                var owner = OnCall(levels, next, start);
                Append(merged, gaps, owner, start, bound);
            }
            previous = bound;
        }
        return new FinalSchedule(merged, gaps);
    }

    // The top-most level with a shift that covers `at`; each level's cursor only moves forward.
    private static (Guid UserId, string Source)? OnCall(List<(string Source, List<Shift> Shifts)> levels, int[] next, DateTimeOffset at)
    {
        (Guid, string)? owner = null;
        for (var level = 0; level < levels.Count; level++)
        {
            var shifts = levels[level].Shifts;
            while (next[level] < shifts.Count && shifts[next[level]].End <= at)
            {
                next[level]++;
            }
            if (next[level] < shifts.Count && shifts[next[level]].Covers(at))
            {
                owner = (shifts[next[level]].UserId, levels[level].Source);
            }
        }
        return owner;
    }

    private static void Append(List<FinalShift> shifts, List<(DateTimeOffset Start, DateTimeOffset End)> gaps, (Guid UserId, string Source)? owner, DateTimeOffset start, DateTimeOffset end)
    {
        if (owner is not { } who)
        {
            if (gaps.Count > 0 && gaps[^1].End == start)
            {
                gaps[^1] = (gaps[^1].Start, end);
            }
            else
            {
                gaps.Add((start, end));
            }
            return;
        }
        if (shifts.Count > 0 && shifts[^1].End == start && shifts[^1].UserId == who.UserId && shifts[^1].Source == who.Source)
        {
            shifts[^1] = shifts[^1] with { End = end };
        }
        else
        {
            shifts.Add(new FinalShift(who.UserId, start, end, who.Source));
        }
    }
}

