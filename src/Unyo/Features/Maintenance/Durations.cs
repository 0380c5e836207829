using System.Globalization;
using System.Text.RegularExpressions;

namespace Unyo.Features.Maintenance;

// Durations as people write them for windows: 90m, 2h, 1h30m, 1d, 1d12h. Whole minutes only:
// maintenance is planned in minutes, and SLI data is kept per minute.
public static partial class Durations
{
    [GeneratedRegex(@"^(?:(?<d>\d{1,3})d)?(?:(?<h>\d{1,4})h)?(?:(?<m>\d{1,6})m)?$")]
    private static partial Regex Pattern();

    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text) || Pattern().Match(text.Trim()) is not { Success: true } match)
        {
            return false;
        }
        duration = TimeSpan.FromDays(Part(match, "d")) + TimeSpan.FromHours(Part(match, "h")) + TimeSpan.FromMinutes(Part(match, "m"));
        return duration > TimeSpan.Zero;
    }

    public static string Format(TimeSpan duration)
    {
        var text = "";
        if (duration.Days > 0)
        {
            text += $"{duration.Days}d";
        }
        if (duration.Hours > 0)
        {
            text += $"{duration.Hours}h";
        }
        if (duration.Minutes > 0 || text.Length == 0)
        {
            text += $"{duration.Minutes}m";
        }
        return text;
    }

    private static int Part(Match match, string group) =>
        match.Groups[group].Success ? int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
}
