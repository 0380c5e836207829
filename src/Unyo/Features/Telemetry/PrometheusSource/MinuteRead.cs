using System.Globalization;

namespace Unyo.Features.Telemetry.PrometheusSource;

// One minute as read from the engine: its counts, or why it could not be used. QueryFailed marks
// a failure of the whole query (HTTP, PromQL, the shape of the answer) rather than of one value.
public readonly record struct MinuteRead(long Minute, long Good, long Total, string? Error = null, bool QueryFailed = false)
{
    public bool Ok => Error is null;

    // Larger per-minute counts are a wrong query (a sum over the wrong thing), not traffic.
    public const double MaxCount = 1e15;

    // Turns the answers of the good and total queries into minutes. Increases are fractional
    // (Prometheus extrapolates to the range's edges), so each is rounded to whole events, half
    // away from zero. An absent good value with a total is zero good events (a selector of
    // successes matches nothing when everything failed); absent both, the minute had no events.
    public static List<MinuteRead> FromCounts(MinuteSpan span, PromAnswer good, PromAnswer total)
    {
        if (!good.Ok || !total.Ok)
        {
            return Failed(span, !good.Ok ? $"good query: {good.Error}" : $"total query: {total.Error}");
        }
        if (Index(span, good) is not { } goods)
        {
            return Failed(span, $"good query: {Duplicates(span)}");
        }
        if (Index(span, total) is not { } totals)
        {
            return Failed(span, $"total query: {Duplicates(span)}");
        }
        var minutes = new List<MinuteRead>(span.Count);
        for (var minute = span.First; minute < span.End; minute++)
        {
            var g = Count(goods, minute, "good", out var goodProblem);
            var t = Count(totals, minute, "total", out var totalProblem);
            var problem = goodProblem ?? totalProblem;
            if (problem is null && g > t)
            {
                problem = $"good ({g}) exceeds total ({t}) at {Display(minute)}: the good query must count a subset of the total query's events";
            }
            minutes.Add(problem is null ? new MinuteRead(minute, g, t) : new MinuteRead(minute, 0, 0, problem));
        }
        return minutes;
    }

    // Turns the answers of an errorRatio query into minutes of ErrorRatioWeight events each: every
    // minute with data weighs the same, whatever its traffic was.
    public static List<MinuteRead> FromErrorRatio(MinuteSpan span, PromAnswer ratio, long weight)
    {
        if (!ratio.Ok)
        {
            return Failed(span, $"errorRatio query: {ratio.Error}");
        }
        if (Index(span, ratio) is not { } ratios)
        {
            return Failed(span, $"errorRatio query: {Duplicates(span)}");
        }
        var minutes = new List<MinuteRead>(span.Count);
        for (var minute = span.First; minute < span.End; minute++)
        {
            if (!ratios.TryGetValue(minute, out var text))
            {
                minutes.Add(new MinuteRead(minute, 0, 0));
                continue;
            }
            var r = PromAnswer.Number(text, out var problem);
            // A hair outside [0, 1] is floating-point noise (1 - 0.3/0.3); more is a wrong query.
            if (r is { } value && (value < -1e-9 || value > 1 + 1e-9))
            {
                problem = $"{text} is not a ratio from 0 to 1";
            }
            minutes.Add(problem is null
                ? new MinuteRead(minute, (long)Math.Round((1 - Math.Clamp(r!.Value, 0, 1)) * weight, MidpointRounding.AwayFromZero), weight)
                : new MinuteRead(minute, 0, 0, $"errorRatio query: {problem} at {Display(minute)}"));
        }
        return minutes;
    }

    private static List<MinuteRead> Failed(MinuteSpan span, string error)
    {
        var minutes = new List<MinuteRead>(span.Count);
        for (var minute = span.First; minute < span.End; minute++)
        {
            minutes.Add(new MinuteRead(minute, 0, 0, error, QueryFailed: true));
        }
        return minutes;
    }

    // The answer's values by minute, or null when two samples fall in one minute.
    private static Dictionary<long, string>? Index(MinuteSpan span, PromAnswer answer)
    {
        var values = new Dictionary<long, string>(answer.Samples.Count);
        foreach (var sample in answer.Samples)
        {
            var minute = MinuteSpan.MinuteOf(sample.At);
            if (span.Contains(minute) && !values.TryAdd(minute, sample.Value))
            {
                return null;
            }
        }
        return values;
    }

    private static string Duplicates(MinuteSpan span) =>
        $"returned more than one value for a minute between {Display(span.First)} and {Display(span.End)}; is the step ignored?";

    private static long Count(Dictionary<long, string> values, long minute, string query, out string? problem)
    {
        problem = null;
        if (!values.TryGetValue(minute, out var text))
        {
            return 0;
        }
        var value = PromAnswer.Number(text, out problem);
        // Floating-point noise below zero (a - b of equal sums) is zero; more is a wrong query.
        if (value < -1e-9)
        {
            problem = $"{text} is negative: not a count of events";
        }
        else if (value > MaxCount)
        {
            problem = $"{text} is more than {MaxCount:0e0} events in one minute";
        }
        if (problem is not null)
        {
            problem = $"{query} query: {problem} at {Display(minute)}";
            return 0;
        }
        return (long)Math.Round(value!.Value, MidpointRounding.AwayFromZero);
    }

    public static string Display(long minute) => SliMinute.Start(minute).ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture);
}
