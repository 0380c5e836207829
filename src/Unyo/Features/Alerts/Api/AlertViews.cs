using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;

namespace Unyo.Features.Alerts.Api;

// Alerts as the API shows them. Names of enums are lower-case, as everywhere in the API.
public static class AlertViews
{
    // An alert with the names it is shown by, read in one query.
    public sealed record Row(Alert Alert, string Service, string Team, string? Assignee);

    public static IQueryable<Row> Rows(UnyoDb db, IQueryable<Alert> alerts) =>
        alerts.Select(a => new Row(a, a.Service!.Name, a.Service.Team!.Name, db.Users.Where(u => u.Id == a.AssigneeId).Select(u => u.Email).FirstOrDefault()));

    public static async Task<AlertResponse> ResponseAsync(UnyoDb db, long id, CancellationToken cancellationToken) =>
        ToResponse(await Rows(db, db.Alerts.AsNoTracking().Where(a => a.Id == id)).SingleAsync(cancellationToken));

    public static AlertResponse ToResponse(Row row)
    {
        var a = row.Alert;
        return new AlertResponse(
            a.Id, row.Service, row.Team, a.Source, a.DedupKey, a.Summary, Name(a.Severity), Name(a.Urgency), Name(a.Status),
            a.Labels, [.. a.Links.Select(l => new AlertLinkResponse(l.Href, l.Text))], a.RunbookUrl, a.RunbookMissing, a.SuppressedBy,
            a.FirstSeenAt, a.LastSeenAt, a.OccurrenceCount, a.AcknowledgedAt, a.AcknowledgedBy, a.ResolvedAt, a.ResolvedBy,
            a.SnoozedUntil, row.Assignee, a.Revision);
    }

    public static AlertTimelineEntryResponse ToResponse(AlertTimelineEntry entry) =>
        new(entry.Id, entry.At, JsonNamingPolicy.CamelCase.ConvertName(entry.Kind.ToString()), entry.Actor, entry.Text);

    // Details are stored as the JSON text the source sent; anything else is shown as a string.
    public static JsonElement? Details(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(text);
        }
    }

    public static string Name<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    public static string Label(long id) => id.ToString(CultureInfo.InvariantCulture);
}
