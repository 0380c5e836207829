using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;

namespace Unyo.Features.Alerts.Changes;

// A service's change events, newest first: what the API lists and the service page shows.
public static class ChangeQueries
{
    public static Task<List<ChangeEvent>> NewestAsync(UnyoDb db, Guid serviceId, long? before, int take, CancellationToken cancellationToken) =>
        db.ChangeEvents.AsNoTracking()
            .Where(c => c.ServiceId == serviceId && (before == null || c.Id < before))
            .OrderByDescending(c => c.Id)
            .Take(take)
            .ToListAsync(cancellationToken);

    public static ChangeEventResponse ToResponse(ChangeEvent change, string service) => new(
        change.Id,
        service,
        change.Integration,
        change.Summary,
        change.Source,
        change.Timestamp,
        change.Details is null ? null : Json(change.Details),
        [.. change.Links.Select(l => new ChangeEventLink(l.Href, l.Text))],
        change.ReceivedAt);

    private static JsonElement Json(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
