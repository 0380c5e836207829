using Unyo.Hosting;
using System.Globalization;
using Unyo.Client;

namespace Unyo.Features.Maintenance;

// When a window happens, validated: once (Start to End, instants) or again and again (an RRULE or
// a cron expression on the wall clock of TimeZone, from LocalStart, each occurrence Duration
// long, none starting at or after Until).
public sealed record MaintenanceSchedule(
    DateTimeOffset? Start,
    DateTimeOffset? End,
    string? Rrule,
    string? Cron,
    DateTime? LocalStart,
    TimeSpan Duration,
    string? TimeZone,
    DateTimeOffset? Until)
{
    public const string LocalFormat = "yyyy-MM-dd'T'HH:mm";
    public const string InstantFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    public bool Recurring => Rrule is not null || Cron is not null;

    public static MaintenanceSchedule OneOff(DateTimeOffset start, DateTimeOffset end) =>
        new(start.ToUniversalTime(), end.ToUniversalTime(), null, null, null, end - start, null, null);

    public WindowRecurrence? CompileRecurrence() =>
        Rrule is not null ? WindowRecurrence.FromRrule(Rrule, LocalStart!.Value)
        : Cron is not null ? WindowRecurrence.FromCron(Cron, LocalStart)
        : null;

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone ?? "UTC");

    public MaintenanceWindowSchedule ToContract() => new()
    {
        Start = Recurring ? LocalStart?.ToString(LocalFormat, CultureInfo.InvariantCulture) : Instant(Start),
        End = Recurring ? null : Instant(End),
        Rrule = Rrule,
        Cron = Cron,
        Duration = Recurring ? Durations.Format(Duration) : null,
        TimeZone = Recurring ? TimeZone : null,
        Until = Instant(Until),
    };

    // One line for pages and lists: "FREQ=WEEKLY;BYDAY=TU for 2h, Europe/Berlin".
    public string Describe()
    {
        if (!Recurring)
        {
            return $"once, {Instant(Start)} to {Instant(End)}";
        }
        var rule = Rrule is not null ? $"RRULE {Rrule}" : $"cron '{Cron}'";
        var from = LocalStart is { } start ? $" from {start.ToString(LocalFormat, CultureInfo.InvariantCulture)}" : "";
        var until = Until is not null ? $" until {Instant(Until)}" : "";
        return $"{rule} for {Durations.Format(Duration)}, {TimeZone} time{from}{until}";
    }

    public static string? Instant(DateTimeOffset? at) => at?.UtcDateTime.ToString(InstantFormat, CultureInfo.InvariantCulture);
}
