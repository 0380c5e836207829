using Unyo.Client;

namespace Unyo.Features.Maintenance.Pages;

// What the window form posts: plain strings, so a refused form comes back exactly as typed.
// Services and checks are comma-separated; Repeat says which schedule fields count.
public sealed class MaintenanceForm
{
    public const string Once = "once";
    public const string ByRrule = "rrule";
    public const string ByCron = "cron";

    public string? Name { get; set; }
    public string? Team { get; set; }
    public string? Title { get; set; }
    public string? Description { get; set; }
    public string? Services { get; set; }
    public string? Checks { get; set; }
    public string? Repeat { get; set; } = Once;
    public string? Start { get; set; }
    public string? End { get; set; }
    public string? Rrule { get; set; }
    public string? Cron { get; set; }
    public string? Duration { get; set; }
    public string? TimeZone { get; set; } = "UTC";
    public string? Until { get; set; }
    // "true" or "false": a select, since an unticked checkbox posts nothing and could not say no.
    public string? SuppressAlerts { get; set; } = "true";
    public int Revision { get; set; }

    public static MaintenanceForm From(MaintenanceWindowResponse window) => new()
    {
        Name = window.Name,
        Team = window.Team,
        Title = window.Title,
        Description = window.Description,
        Services = string.Join(", ", window.Services),
        Checks = string.Join(", ", window.Checks),
        Repeat = window.Schedule.Rrule is not null ? ByRrule : window.Schedule.Cron is not null ? ByCron : Once,
        Start = window.Schedule.Start,
        End = window.Schedule.End,
        Rrule = window.Schedule.Rrule,
        Cron = window.Schedule.Cron,
        Duration = window.Schedule.Duration,
        TimeZone = window.Schedule.TimeZone ?? "UTC",
        Until = window.Schedule.Until,
        SuppressAlerts = window.SuppressAlerts ? "true" : "false",
        Revision = window.Revision,
    };

    // Fields of the other kind of schedule are left out, so switching between once and recurring
    // needs no clearing of inputs.
    public MaintenanceWindowRequest ToRequest()
    {
        var recurring = Repeat is ByRrule or ByCron;
        return new MaintenanceWindowRequest
        {
            Name = Name?.Trim(),
            Team = Team,
            Title = Title,
            Description = Description,
            Services = SplitList(Services),
            Checks = SplitList(Checks),
            Schedule = new MaintenanceWindowSchedule
            {
                Start = Blank(Start),
                End = recurring ? null : Blank(End),
                Rrule = Repeat == ByRrule ? Blank(Rrule) ?? "" : null,
                Cron = Repeat == ByCron ? Blank(Cron) ?? "" : null,
                Duration = recurring ? Blank(Duration) : null,
                TimeZone = recurring ? Blank(TimeZone) : null,
                Until = recurring ? Blank(Until) : null,
            },
            SuppressAlerts = SuppressAlerts != "false",
        };
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static List<string> SplitList(string? text) =>
        [.. (text ?? "").Split([',', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
