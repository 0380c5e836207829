using System.Globalization;

namespace Unyo.Components;

// How pages write times: UTC, to the minute, the same on every page, so people comparing a page
// with logs and alerts never convert time zones in their head.
public static class Display
{
    public static string When(DateTimeOffset? time) =>
        time is { } t ? t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "never";
}
