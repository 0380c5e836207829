using System.Globalization;
using System.Text.Json;

namespace Unyo.Features.Alerts.Pages;

// How the alert pages write statuses, times and details.
public static class AlertText
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Name(this AlertStatus status) => status.ToString().ToLowerInvariant();

    public static string Name(this AlertSeverity severity) => severity.ToString().ToLowerInvariant();

    public static string Name(this AlertUrgency urgency) => urgency.ToString().ToLowerInvariant();

    // What the alert page says after a form did its work (`?done=…`).
    public static string? Done(string? done) => done switch
    {
        "acknowledge" => "Acknowledged.",
        "resolve" => "Resolved.",
        "snooze" => "Snoozed: it triggers again when the snooze runs out.",
        "note" => "Note added to the timeline.",
        "reassign" => "Reassigned.",
        _ => null,
    };

    // "4 min ago": what someone woken at night reads first; the exact time is in the title.
    public static string Ago(DateTimeOffset at, DateTimeOffset now)
    {
        var span = now - at;
        return span switch
        {
            { TotalSeconds: < 60 } => "just now",
            { TotalMinutes: < 60 } => $"{(int)span.TotalMinutes} min ago",
            { TotalHours: < 48 } => $"{(int)span.TotalHours} h ago",
            _ => $"{(int)span.TotalDays} days ago",
        };
    }

    // Details are stored as the sender wrote them; indented, they read at a glance. Anything
    // that does not parse is shown as it came.
    public static string PrettyJson(string details)
    {
        try
        {
            using var document = JsonDocument.Parse(details);
            return JsonSerializer.Serialize(document.RootElement, Indented);
        }
        catch (JsonException)
        {
            return details;
        }
    }

    public static string Kind(AlertTimelineKind kind) => kind switch
    {
        AlertTimelineKind.AutoResolved => "auto-resolved",
        AlertTimelineKind.UrgencyChanged => "urgency changed",
        _ => kind.ToString().ToLowerInvariant(),
    };

    public static string Count(int count) => count.ToString("N0", CultureInfo.InvariantCulture);
}
