namespace Unyo.Features.OnCall.Schedules;

// When a layer may be on call, on the schedule's wall clock: every day (or on the given days)
// from From to To, overnight when To is not after From (22:00 to 06:00 runs into the next day);
// or one span a week, from one day and time to another (Monday 09:00 to Friday 17:00).
// A layer with restrictions is on call only inside them; the hours outside fall through to the
// layers below, which is how follow-the-sun schedules are built.
public sealed record Restriction
{
    private Restriction(IReadOnlyList<(DayOfWeek Day, TimeOnly Start, TimeSpan Length)> windows) => Windows = windows;

    // Each window starts on a weekday at a time and lasts Length of wall-clock time.
    public IReadOnlyList<(DayOfWeek Day, TimeOnly Start, TimeSpan Length)> Windows { get; }

    public static Restriction Daily(TimeOnly from, TimeOnly to, IReadOnlyCollection<DayOfWeek>? days = null)
    {
        var length = to.ToTimeSpan() - from.ToTimeSpan();
        if (length <= TimeSpan.Zero)
        {
            length += TimeSpan.FromDays(1);
        }
        var on = days is { Count: > 0 } ? days : Enum.GetValues<DayOfWeek>();
        return new Restriction([.. on.Distinct().Order().Select(d => (d, from, length))]);
    }

    public static Restriction Weekly(DayOfWeek fromDay, TimeOnly from, DayOfWeek toDay, TimeOnly to)
    {
        var length = TimeSpan.FromDays(((int)toDay - (int)fromDay + 7) % 7) + (to.ToTimeSpan() - from.ToTimeSpan());
        if (length <= TimeSpan.Zero)
        {
            length += TimeSpan.FromDays(7);
        }
        return new Restriction([(fromDay, from, length)]);
    }
}
