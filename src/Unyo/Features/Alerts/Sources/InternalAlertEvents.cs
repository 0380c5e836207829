using System.Text.Json;
using Unyo.Features.Checks;
using Unyo.Features.Slos;
using Unyo.Hosting;

namespace Unyo.Features.Alerts.Sources;

// The alert events of Unyo's own sources: what an open burn alert or a failing check says, how
// severe and urgent it is, and a link to its page (at UNYO_PUBLIC_URL, as in notifications).
public sealed class InternalAlertEvents(IConfiguration configuration, UnyoSettings settings)
{
    public sealed record Burn(Guid SloId, string Slo, string DisplayName, double ObjectivePercent, BurnAlertKind Kind, string Condition,
        DateTimeOffset FiredAt, double Peak, Guid ServiceId, string Service, Guid TeamId)
    {
        public string DedupKey => $"slo:{SloId}:{KindName(Kind)}";
    }

    public sealed record FailingCheck(Guid CheckId, string Check, CheckStatus Status, string? Reason, DateTimeOffset Since, Guid ServiceId, string Service, Guid TeamId)
    {
        public string DedupKey => $"check:{CheckId}";
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly Dictionary<string, string> NoLabels = new();

    private readonly string _publicUrl = (configuration["UNYO_PUBLIC_URL"] ?? settings.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries)[0]).TrimEnd('/');

    public AlertEvent ForBurn(Burn burn)
    {
        var (severity, urgency, summary) = burn.Kind switch
        {
            BurnAlertKind.Page => (AlertSeverity.Critical, AlertUrgency.High, $"SLO {burn.DisplayName} of {burn.Service} is burning its error budget fast: {burn.Condition}"),
            BurnAlertKind.Ticket => (AlertSeverity.Warning, AlertUrgency.Low, $"SLO {burn.DisplayName} of {burn.Service} is burning its error budget: {burn.Condition}"),
            _ => (AlertSeverity.Error, AlertUrgency.Low, $"SLO {burn.DisplayName} of {burn.Service} has spent its error budget: {burn.Condition}"),
        };
        var url = $"{_publicUrl}/slos/{Uri.EscapeDataString(burn.Slo)}";
        var details = JsonSerializer.Serialize(new
        {
            slo = burn.Slo,
            condition = burn.Condition,
            kind = KindName(burn.Kind),
            objectivePercent = burn.ObjectivePercent,
            firedAt = burn.FiredAt,
            peak = Math.Round(burn.Peak, 4),
            url,
        }, Json);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["slo"] = burn.Slo, ["kind"] = KindName(burn.Kind) };
        return new AlertEvent(AlertAction.Trigger, burn.DedupKey, Fit(summary), InternalAlertSweep.SloSource, severity, urgency, labels,
            [new AlertLink(url, $"SLO {burn.DisplayName}")], null, details, null, burn.FiredAt);
    }

    public AlertEvent ForCheck(FailingCheck check)
    {
        var down = check.Status == CheckStatus.Down;
        var status = check.Status.ToName();
        var url = $"{_publicUrl}/checks/{Uri.EscapeDataString(check.Check)}";
        var summary = $"Check {check.Check} of {check.Service} is {status}" + (string.IsNullOrWhiteSpace(check.Reason) ? "" : $": {check.Reason}");
        var details = JsonSerializer.Serialize(new
        {
            check = check.Check,
            status,
            reason = check.Reason,
            since = check.Since,
            url,
        }, Json);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["check"] = check.Check, ["status"] = status };
        return new AlertEvent(AlertAction.Trigger, check.DedupKey, Fit(summary), InternalAlertSweep.CheckSource,
            down ? AlertSeverity.Critical : AlertSeverity.Warning, down ? AlertUrgency.High : AlertUrgency.Low, labels,
            [new AlertLink(url, $"Check {check.Check}")], null, details, null, check.Since);
    }

    public static AlertEvent Resolve(string dedupKey) =>
        new(AlertAction.Resolve, dedupKey, "", "unyo", AlertSeverity.Info, null, NoLabels, [], null, null, null, null);

    public static string KindName(BurnAlertKind kind) => kind switch
    {
        BurnAlertKind.Page => "page",
        BurnAlertKind.Ticket => "ticket",
        _ => "budget-exhausted",
    };

    private static string Fit(string summary) =>
        summary.Length > AlertEvent.MaxSummaryLength ? summary[..(AlertEvent.MaxSummaryLength - 1)] + "…" : summary;
}
