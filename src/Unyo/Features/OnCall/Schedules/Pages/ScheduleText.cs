using System.Globalization;
using Unyo.Features.Maintenance;

namespace Unyo.Features.OnCall.Schedules.Pages;

// How schedule pages write times: on the schedule's wall clock, where handoffs happen, with the
// UTC instant beside it in the title for those comparing with alerts.
public static class ScheduleText
{
    public static string Local(DateTimeOffset at, string zone) =>
        WallClock.ToLocal(at, TimeZoneInfo.FindSystemTimeZoneById(zone)).ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture);

    public static string Span(DateTimeOffset start, DateTimeOffset end, string zone) => $"{Local(start, zone)} – {Local(end, zone)}";

    public static string Restriction(Unyo.Client.ScheduleRestrictionRequest r) => r.Type == "weekly"
        ? $"{r.FromDay} {r.From} → {r.ToDay} {r.To}"
        : $"{(r.Days is { Count: > 0 } days ? string.Join(",", days) : "daily")} {r.From}–{r.To}";

    public static string Turn(Unyo.Client.ScheduleLayerRequest layer) => (layer.Turn, layer.TurnCount) switch
    {
        ("fixed", _) => layer.Shifts?.Count == 1 ? "1 fixed shift" : $"{layer.Shifts?.Count ?? 0} fixed shifts",
        ("daily", 1) => "every day",
        ("weekly", 1) => "every week",
        ("daily", var n) => $"every {n} days",
        ("weekly", var n) => $"every {n} weeks",
        (_, var n) => $"every {n} hours (elapsed)",
    };
}
