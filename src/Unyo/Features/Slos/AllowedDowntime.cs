using System.Globalization;

namespace Unyo.Features.Slos;

// What a number of nines allows: the downtime (or share of bad events, read as time) an
// objective leaves per year (365 days), month (30), week and day.
public static class AllowedDowntime
{
    public static readonly double[] CommonObjectives = [90, 95, 99, 99.5, 99.9, 99.95, 99.99, 99.995, 99.999];

    public static readonly (string Name, TimeSpan Length)[] Periods =
    [
        ("year", TimeSpan.FromDays(365)), ("month", TimeSpan.FromDays(30)), ("week", TimeSpan.FromDays(7)), ("day", TimeSpan.FromDays(1)),
    ];

    public static TimeSpan Per(double objectivePercent, TimeSpan period) =>
        TimeSpan.FromMilliseconds(Math.Round(period.TotalMilliseconds * (100 - objectivePercent) / 100));

    // The two largest units, as people say it: "3d 15h", "43m 12s", "864ms".
    public static string Format(TimeSpan span)
    {
        if (span < TimeSpan.FromSeconds(1))
        {
            return $"{span.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)}ms";
        }
        var parts = new (int Value, string Unit)[] { (span.Days, "d"), (span.Hours, "h"), (span.Minutes, "m"), (span.Seconds, "s") };
        var first = Array.FindIndex(parts, p => p.Value > 0);
        return string.Join(' ', parts.Skip(first).Take(2).Where(p => p.Value > 0).Select(p => $"{p.Value}{p.Unit}"));
    }

    public static bool TryParse(string? text, out double objective) =>
        double.TryParse(text?.Trim().TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out objective) && objective is > 0 and < 100;
}
