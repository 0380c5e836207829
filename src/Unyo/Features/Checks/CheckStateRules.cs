using Unyo.Features.Checks.Probes;

namespace Unyo.Features.Checks;

// The state machine: each location keeps its own status with hysteresis (down after DownAfter
// failed runs in a row, up again after UpAfter good ones), and the check is down when at least
// DownLocations of its locations are down, degraded when any location is degraded or down.
public static class CheckStateRules
{
    // Applies one result; returns the change of the check's status, if any.
    public static (CheckStatus From, CheckStatus To)? Apply(CheckState state, CheckDefinition definition, string location, DateTimeOffset at, ProbeResult result)
    {
        state.LastResultAt = state.LastResultAt is { } last && last > at ? last : at;
        if (!definition.Enabled || !definition.Locations.Contains(location))
        {
            return null;
        }
        var streak = state.Streaks.FirstOrDefault(s => s.Location == location);
        if (streak is null)
        {
            streak = new LocationStreak { Location = location, Status = CheckStatus.Pending };
            state.Streaks.Add(streak);
        }
        streak.At = at;
        if (result.Outcome == ProbeOutcome.Down)
        {
            streak.Failures++;
            streak.Successes = 0;
            if (streak.Status == CheckStatus.Down || streak.Failures >= definition.DownAfter)
            {
                streak.Status = CheckStatus.Down;
                streak.Reason = result.Reason;
            }
        }
        else
        {
            streak.Successes++;
            streak.Failures = 0;
            if (streak.Status != CheckStatus.Down || streak.Successes >= definition.UpAfter)
            {
                streak.Status = result.Outcome == ProbeOutcome.Degraded ? CheckStatus.Degraded : CheckStatus.Up;
                streak.Reason = result.Reason;
            }
        }
        return Settle(state, definition, at);
    }

    // After a change of definition: a paused check stays paused, a resumed one starts over, and
    // locations that were removed no longer count.
    public static (CheckStatus From, CheckStatus To)? Reconfigure(CheckState state, CheckDefinition before, CheckDefinition after, DateTimeOffset at)
    {
        if (before.Type != after.Type || (!before.Enabled && after.Enabled))
        {
            state.Streaks.Clear();
        }
        state.Streaks.RemoveAll(s => !after.Locations.Contains(s.Location));
        return Settle(state, after, at);
    }

    // Recomputes the check's status from its locations; records the change in state.
    public static (CheckStatus From, CheckStatus To)? Settle(CheckState state, CheckDefinition definition, DateTimeOffset at)
    {
        var (status, reason) = Overall(state, definition);
        if (status == state.Status)
        {
            // Same status, newer words: "HTTP 503" after "HTTP 500" is still the same outage.
            state.Reason = reason;
            return null;
        }
        var from = state.Status;
        state.Status = status;
        state.Reason = reason;
        state.Since = at;
        return (from, status);
    }

    private static (CheckStatus, string?) Overall(CheckState state, CheckDefinition definition)
    {
        if (!definition.Enabled)
        {
            return (CheckStatus.Paused, "paused");
        }
        var streaks = state.Streaks.Where(s => definition.Locations.Contains(s.Location)).OrderBy(s => s.Location, StringComparer.Ordinal).ToList();
        var down = streaks.Where(s => s.Status == CheckStatus.Down).ToList();
        var degraded = streaks.Where(s => s.Status == CheckStatus.Degraded).ToList();
        var single = definition.Locations.Count == 1;
        if (down.Count > 0 && down.Count >= definition.DownLocations)
        {
            return (CheckStatus.Down, single ? down[0].Reason : Locations(down, definition, "down"));
        }
        if (down.Count > 0)
        {
            return (CheckStatus.Degraded, $"{Locations(down, definition, "down")} (down when {definition.DownLocations} are)");
        }
        if (degraded.Count > 0)
        {
            return (CheckStatus.Degraded, single ? degraded[0].Reason : Locations(degraded, definition, "degraded"));
        }
        if (streaks.All(s => s.Status == CheckStatus.Pending))
        {
            return (CheckStatus.Pending, "waiting for the first results");
        }
        var up = streaks.FirstOrDefault(s => s.Status == CheckStatus.Up);
        return (CheckStatus.Up, single ? up?.Reason : $"{streaks.Count(s => s.Status == CheckStatus.Up)} of {definition.Locations.Count} locations up");
    }

    private static string Locations(List<LocationStreak> streaks, CheckDefinition definition, string what) =>
        $"{streaks.Count} of {definition.Locations.Count} locations {what}: {string.Join("; ", streaks.Select(s => $"{s.Location}: {s.Reason}"))}";
}
