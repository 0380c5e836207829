using Unyo.Client;
using Unyo.Features.Maintenance;
using Unyo.Hosting;

namespace Unyo.Features.OnCall.Schedules.Pages;

// "Ask someone to cover" on My shifts: which schedule, whom, and the stretch on the schedule's
// wall clock (what datetime-local inputs give), turned into the API's request with instants.
public sealed class SwapForm
{
    public string? Schedule { get; set; }
    public string? User { get; set; }
    public string? From { get; set; }
    public string? To { get; set; }
    public string? Note { get; set; }

    public ShiftSwapRequest ToRequest(TimeZoneInfo zone, ValidationErrors errors) => new()
    {
        User = User,
        Start = Instant(From, "start", zone, errors),
        End = Instant(To, "end", zone, errors),
        Note = Note,
    };

    private static string? Instant(string? local, string field, TimeZoneInfo zone, ValidationErrors errors)
    {
        if (ScheduleFormats.ParseLocal(local) is { } at)
        {
            return ScheduleFormats.Instant(WallClock.ToInstant(at, zone));
        }
        errors.Add(field, string.IsNullOrWhiteSpace(local) ? "is required." : $"'{local}' is not a date and time such as 2026-03-01T09:00.");
        return null;
    }
}
