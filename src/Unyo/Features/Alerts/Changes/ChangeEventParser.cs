using System.Globalization;
using System.Text.Json;
using Unyo.Features.Alerts.PagerDuty;

namespace Unyo.Features.Alerts.Changes;

// Reads one PagerDuty change event (https://developer.pagerduty.com/docs/events-api-v2/send-change-events/).
// Errors are phrased as the PagerDuty event parser phrases them, every problem listed.
public static class ChangeEventParser
{
    public sealed record Change(string Summary, string? Source, DateTimeOffset? Timestamp, string? Details, List<AlertLink> Links);

    public sealed record Result(string? RoutingKey, Change? Change, IReadOnlyList<string> Errors);

    private const int MaxDetails = 65_536;

    public static Result Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return new Result(null, null, ["Change event is invalid: the body must be a JSON object"]);
        }
        var errors = new List<string>();
        var routingKey = PagerDutyEventParser.Text(root, "routing_key");
        if (string.IsNullOrWhiteSpace(routingKey))
        {
            errors.Add("'routing_key' is missing or blank");
        }
        if (!root.TryGetProperty("payload", out var payload) || payload.ValueKind != JsonValueKind.Object)
        {
            errors.Add("'payload' is missing or not an object");
            return new Result(routingKey, null, errors);
        }
        var summary = PagerDutyEventParser.Text(payload, "summary");
        if (string.IsNullOrWhiteSpace(summary))
        {
            errors.Add("'payload.summary' is missing or blank");
        }
        else if (summary.Length > AlertEvent.MaxSummaryLength)
        {
            errors.Add($"'payload.summary' must be at most {AlertEvent.MaxSummaryLength} characters (got {summary.Length})");
        }
        var source = PagerDutyEventParser.Text(payload, "source");
        if (source is { Length: > 255 })
        {
            errors.Add("'payload.source' must be at most 255 characters");
        }
        DateTimeOffset? timestamp = null;
        if (PagerDutyEventParser.Text(payload, "timestamp") is { } stamp)
        {
            if (DateTimeOffset.TryParse(stamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                timestamp = parsed.ToUniversalTime();
            }
            else
            {
                errors.Add("'payload.timestamp' must be an ISO 8601 date and time");
            }
        }
        string? details = null;
        if (payload.TryGetProperty("custom_details", out var custom) && custom.ValueKind is not JsonValueKind.Null)
        {
            details = custom.ValueKind == JsonValueKind.Object ? custom.GetRawText() : $"{{\"details\":{custom.GetRawText()}}}";
            if (details.Length > MaxDetails)
            {
                errors.Add($"'payload.custom_details' must be at most {MaxDetails} characters of JSON");
            }
        }
        // PagerDuty's link reader sets a runbook apart; a change has no runbook, so it is a link again.
        var (links, runbook) = PagerDutyLinks.Read(root, errors);
        if (runbook is not null)
        {
            links.Insert(0, new AlertLink(runbook, "Runbook"));
        }
        return errors.Count > 0
            ? new Result(routingKey, null, errors)
            : new Result(routingKey, new Change(summary!.Trim(), string.IsNullOrWhiteSpace(source) ? null : source, timestamp, details, links), []);
    }
}
