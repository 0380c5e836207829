using System.Globalization;

namespace Unyo.Features.Checks.Pages;

// The share of a check's runs that were not down, from its minutes. Shown rounded down, so a
// check with one failed run in 10,000 reads 99.99%, never a flattering 100%.
public sealed record CheckUptime(long Runs, long Down)
{
    public static readonly CheckUptime None = new(0, 0);

    public double? Percent => Runs == 0 ? null : 100.0 * (Runs - Down) / Runs;

    public string Text => Percent switch
    {
        null => "no runs",
        _ when Down == 0 => "100%",
        { } p => (Math.Floor(p * 100) / 100).ToString("0.##", CultureInfo.InvariantCulture) + "%",
    };

    // For colour only; the text carries the figure.
    public string Class => Percent switch
    {
        null => "uptime-none",
        >= 99.9 => "uptime-good",
        >= 99 => "uptime-low",
        _ => "uptime-bad",
    };

    public CheckUptime Plus(CheckUptime other) => new(Runs + other.Runs, Down + other.Down);
}
