using System.Globalization;
using System.Text.Json.Nodes;
using Unyo.Features.ConfigAsCode;

namespace Unyo.Features.Maintenance;

// A maintenance window as the API and YAML describe it, after validation and defaults: the
// canonical form that plans compare, exports write and audit records keep. Services and checks
// keep the order they were written in (field errors point into it); documents list them sorted.
public sealed record MaintenanceWindowSpec(
    string Name,
    string Team,
    string Title,
    string? Description,
    IReadOnlyList<string> Services,
    IReadOnlyList<string> Checks,
    MaintenanceSchedule Schedule,
    bool SuppressAlerts)
{
    public const string KindName = "MaintenanceWindow";

    public static MaintenanceWindowSpec From(MaintenanceWindow window, string team, IEnumerable<string> services) => new(
        window.Name, team, window.Title, window.Description,
        [.. services.Order(StringComparer.Ordinal)], [.. window.Checks.Order(StringComparer.Ordinal)],
        ScheduleOf(window), window.SuppressAlerts);

    public static MaintenanceSchedule ScheduleOf(MaintenanceWindow window) =>
        window.Rrule is null && window.Cron is null
            ? MaintenanceSchedule.OneOff(window.StartsAt!.Value, window.EndsAt!.Value)
            : new MaintenanceSchedule(
                null, null, window.Rrule, window.Cron,
                window.LocalStart is { } local ? DateTime.ParseExact(local, MaintenanceSchedule.LocalFormat, CultureInfo.InvariantCulture) : null,
                TimeSpan.FromMinutes(window.DurationMinutes!.Value), window.TimeZone, window.Until);

    public JsonObject ToDocument()
    {
        var schedule = Schedule.ToContract();
        var spec = new JsonObject()
            .With("title", Title)
            .With("description", Description)
            .With("services", Services.Order(StringComparer.Ordinal).ToList())
            .With("checks", Checks.Order(StringComparer.Ordinal).ToList())
            .With("schedule", new JsonObject()
                .With("start", schedule.Start)
                .With("end", schedule.End)
                .With("rrule", schedule.Rrule)
                .With("cron", schedule.Cron)
                .With("duration", schedule.Duration)
                .With("timeZone", schedule.TimeZone)
                .With("until", schedule.Until))
            .With("suppressAlerts", SuppressAlerts);
        return ConfigDocuments.Document(KindName, new JsonObject { ["name"] = Name, ["team"] = Team }, spec);
    }

    // Copies everything but the team and the services, which need ids.
    public void CopyTo(MaintenanceWindow window)
    {
        window.Name = Name;
        window.Title = Title;
        window.Description = Description;
        window.Checks = [.. Checks];
        var schedule = Schedule;
        window.StartsAt = schedule.Recurring ? null : schedule.Start;
        window.EndsAt = schedule.Recurring ? null : schedule.End;
        window.Rrule = schedule.Rrule;
        window.Cron = schedule.Cron;
        window.LocalStart = schedule.LocalStart?.ToString(MaintenanceSchedule.LocalFormat, CultureInfo.InvariantCulture);
        window.DurationMinutes = schedule.Recurring ? (int)schedule.Duration.TotalMinutes : null;
        window.TimeZone = schedule.Recurring ? schedule.TimeZone : null;
        window.Until = schedule.Until;
        window.SuppressAlerts = SuppressAlerts;
    }
}
