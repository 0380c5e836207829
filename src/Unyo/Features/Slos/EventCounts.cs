namespace Unyo.Features.Slos;

// Good and total events over some span. Bad is what users found wrong.
public readonly record struct EventCounts(long Good, long Total)
{
    public long Bad => Total - Good;

    public bool HasData => Total > 0;

    // The share of bad events, or null without data: no data is not 100% good.
    public double? ErrorRatio => Total > 0 ? (double)Bad / Total : null;

    public static EventCounts operator +(EventCounts a, EventCounts b) => new(a.Good + b.Good, a.Total + b.Total);

    public static EventCounts operator -(EventCounts a, EventCounts b) => new(a.Good - b.Good, a.Total - b.Total);
}
