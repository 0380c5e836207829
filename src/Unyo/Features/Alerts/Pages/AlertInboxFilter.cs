namespace Unyo.Features.Alerts.Pages;

// What the inbox shows: a status tab ("open" is triggered and acknowledged together) and the
// optional service, team and urgency filters. Null filters match everything.
public sealed record AlertInboxFilter(string Tab, string? Service, string? Team, AlertUrgency? Urgency)
{
    public static readonly string[] Tabs = ["open", "triggered", "acknowledged", "resolved"];

    // Null for the open tab, which is every status but resolved.
    public AlertStatus? Status => Tab switch
    {
        "triggered" => AlertStatus.Triggered,
        "acknowledged" => AlertStatus.Acknowledged,
        "resolved" => AlertStatus.Resolved,
        _ => null,
    };
}
