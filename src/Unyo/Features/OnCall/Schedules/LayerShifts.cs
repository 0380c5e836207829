using Unyo.Features.Maintenance;

namespace Unyo.Features.OnCall.Schedules;

// The shifts one layer gives between two instants: its turns, cut to its restrictions.
public static class LayerShifts
{
    public static List<Shift> Between(ScheduleLayer layer, TimeZoneInfo zone, DateTimeOffset from, DateTimeOffset to)
    {
        if (layer.End is { } end && end < to)
        {
            to = end;
        }
        if (to <= from)
        {
            return [];
        }
        if (layer.Turn.Kind == TurnKind.Fixed)
        {
            // Cut to the window like turns, then to the restrictions like turns: one rule for both.
            List<Shift> given = [.. (layer.Shifts ?? []).Where(s => s.End > from && s.Start < to).Select(s => new Shift(s.UserId, Max(s.Start, from), Min(s.End, to)))];
            return layer.Restrictions.Count == 0 ? given : Intersect(given, Windows(layer.Restrictions, zone, from, to));
        }
        if (layer.Users.Count == 0)
        {
            return [];
        }
        var turns = Turns(layer, zone, from, to);
        return layer.Restrictions.Count == 0 ? turns : Intersect(turns, Windows(layer.Restrictions, zone, from, to));
    }

    private static List<Shift> Turns(ScheduleLayer layer, TimeZoneInfo zone, DateTimeOffset from, DateTimeOffset to)
    {
        var shifts = new List<Shift>();
        for (var turn = FirstTurnNear(layer, zone, from); ; turn++)
        {
            var (start, end) = (TurnStart(layer, zone, turn), TurnStart(layer, zone, turn + 1));
            if (start >= to)
            {
                return shifts;
            }
            if (end > from)
            {
                var user = layer.Users[(int)(turn % layer.Users.Count)];
                shifts.Add(new Shift(user, Max(start, from), Min(end, to)));
            }
        }
    }

    // The turn that holds `from`, or one a little before it (never before the first): the walk
    // from there is short however long the layer has been running.
    private static long FirstTurnNear(ScheduleLayer layer, TimeZoneInfo zone, DateTimeOffset from)
    {
        if (layer.Turn.Kind == TurnKind.Hours)
        {
            var elapsed = from - TurnStart(layer, zone, 0);
            return Math.Max(0, (long)Math.Floor(elapsed / TimeSpan.FromHours(layer.Turn.Count)));
        }
        var days = (WallClock.ToLocal(from, zone).Date - layer.Start.Date).Days;
        return Math.Max(0, days / layer.Turn.CalendarDays - 1);
    }

    private static DateTimeOffset TurnStart(ScheduleLayer layer, TimeZoneInfo zone, long turn) => layer.Turn.Kind switch
    {
        TurnKind.Hours => WallClock.ToInstant(layer.Start, zone) + TimeSpan.FromHours((double)turn * layer.Turn.Count),
        _ => WallClock.ToInstant(layer.Start.AddDays((double)turn * layer.Turn.CalendarDays), zone),
    };

    // The restrictions' windows that touch [from, to), as sorted, merged instants. Each window is
    // laid on the wall clock and then turned into instants, so 09:00 to 17:00 stays that through
    // a daylight-saving change (and a night window that spans one is an hour shorter or longer).
    private static List<(DateTimeOffset Start, DateTimeOffset End)> Windows(IReadOnlyList<Restriction> restrictions, TimeZoneInfo zone, DateTimeOffset from, DateTimeOffset to)
    {
        var windows = new List<(DateTimeOffset Start, DateTimeOffset End)>();
        var lastDay = WallClock.ToLocal(to, zone).Date;
        for (var day = WallClock.ToLocal(from, zone).Date.AddDays(-7); day <= lastDay; day = day.AddDays(1))
        {
            foreach (var restriction in restrictions)
            {
                foreach (var (weekday, start, length) in restriction.Windows)
                {
                    if (day.DayOfWeek != weekday)
                    {
                        continue;
                    }
                    var localStart = day + start.ToTimeSpan();
                    var (begins, ends) = (WallClock.ToInstant(localStart, zone), WallClock.ToInstant(localStart + length, zone));
                    if (ends > from && begins < to)
                    {
                        windows.Add((begins, ends));
                    }
                }
            }
        }
        windows.Sort();
        var merged = new List<(DateTimeOffset Start, DateTimeOffset End)>();
        foreach (var window in windows)
        {
            if (merged.Count > 0 && window.Start <= merged[^1].End)
            {
                merged[^1] = (merged[^1].Start, Max(merged[^1].End, window.End));
            }
            else
            {
                merged.Add(window);
            }
        }
        return merged;
    }

    private static List<Shift> Intersect(List<Shift> turns, List<(DateTimeOffset Start, DateTimeOffset End)> windows)
    {
        var shifts = new List<Shift>();
        var w = 0;
        foreach (var turn in turns)
        {
            while (w < windows.Count && windows[w].End <= turn.Start)
            {
                w++;
            }
            for (var i = w; i < windows.Count && windows[i].Start < turn.End; i++)
            {
                var (start, end) = (Max(turn.Start, windows[i].Start), Min(turn.End, windows[i].End));
                if (start < end)
                {
                    shifts.Add(turn with { Start = start, End = end });
                }
            }
        }
        return shifts;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
