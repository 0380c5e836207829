using System.Globalization;

namespace Unyo.Features.OnCall.Analytics.Pages;

// How the analytics page writes durations and shares: short, the way an SRE says them.
public static class AnalyticsText
{
    public static string Duration(double? seconds)
    {
        if (seconds is not { } s)
        {
            return "–";
        }
        var span = TimeSpan.FromSeconds(Math.Round(s));
        return span.TotalSeconds switch
        {
            < 60 => $"{span.Seconds}s",
            < 3600 => $"{span.Minutes}m {span.Seconds:00}s",
            < 86400 => $"{span.Hours}h {span.Minutes:00}m",
            _ => $"{(int)span.TotalDays}d {span.Hours:00}h",
        };
    }

    public static string Percent(double share) => share.ToString("0%", CultureInfo.InvariantCulture);

    public static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
}
