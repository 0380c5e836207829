using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Alerts.Matching;

namespace Unyo.Features.Alerts.Pipeline;

// Alerts of one service with the same group key that open within the group window are one
// trouble: the first (the lead) is told of, the others join it and reach people through it. If
// the lead resolves while others of its group are still open, the oldest of them takes its place
// and is told of then, so no open alert is left without its page.
public sealed class AlertGroups(UnyoDb db, AlertOptions options)
{
    public const string UngroupedText = "The alert it was grouped under resolved first; it is told of on its own now.";

    public static string GroupedText(Alert alert) =>
        $"Grouped under alert #{alert.GroupedUnder?.Id ?? alert.GroupedUnderId} (same group key): people hear of it through that alert.";

    // The open leads that alerts about to open may join, by service and group key.
    internal async Task<Dictionary<(Guid, string), Alert>> LeadsAsync(IEnumerable<(Guid ServiceId, string? GroupKey)> opening, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var wanted = opening.Where(o => o.GroupKey is not null).Select(o => (o.ServiceId, GroupKey: o.GroupKey!)).Distinct().ToList();
        if (options.GroupWindow <= TimeSpan.Zero || wanted.Count == 0)
        {
            return [];
        }
        var serviceIds = wanted.Select(w => w.ServiceId).Distinct().ToList();
        var groupKeys = wanted.Select(w => w.GroupKey).Distinct().ToList();
        var since = now - options.GroupWindow;
        var leads = await db.Alerts
            .Where(a => a.ResolvedAt == null && a.GroupedUnderId == null && a.SuppressedBy == null && a.FirstSeenAt >= since
                && a.GroupKey != null && groupKeys.Contains(a.GroupKey) && serviceIds.Contains(a.ServiceId))
            .ToListAsync(cancellationToken);
        return leads.GroupBy(a => (a.ServiceId, a.GroupKey!)).ToDictionary(g => g.Key, g => g.OrderBy(a => a.FirstSeenAt).ThenBy(a => a.Id).First());
    }

    // Puts a newly opened alert under the lead of its group, or makes it the lead of a new group.
    // Returns the lead it joined, if any.
    internal Alert? Place(Alert alert, Dictionary<(Guid, string), Alert> leads)
    {
        if (options.GroupWindow <= TimeSpan.Zero || alert.GroupKey is null || alert.SuppressedBy is not null)
        {
            return null;
        }
        var group = (alert.ServiceId, alert.GroupKey);
        if (leads.TryGetValue(group, out var lead) && alert.FirstSeenAt - lead.FirstSeenAt <= options.GroupWindow)
        {
            alert.GroupedUnder = lead;
            return lead;
        }
        leads[group] = alert;
        return null;
    }

    // After alerts resolved (and were saved): the open members of each resolved lead get a new
    // lead, the oldest. Returns the new leads; those still triggered must be told of now.
    internal async Task<List<Alert>> UngroupAsync(IEnumerable<Alert> resolved, CancellationToken cancellationToken)
    {
        var leadIds = resolved.Where(a => a.GroupKey is not null && a.GroupedUnderId is null).Select(a => a.Id).ToList();
        if (leadIds.Count == 0)
        {
            return [];
        }
        var members = await db.Alerts
            .Where(a => a.ResolvedAt == null && a.GroupedUnderId != null && leadIds.Contains(a.GroupedUnderId.Value))
            .OrderBy(a => a.FirstSeenAt).ThenBy(a => a.Id)
            .ToListAsync(cancellationToken);
        var newLeads = new List<Alert>();
        foreach (var group in members.GroupBy(m => m.GroupedUnderId))
        {
            var lead = group.First();
            (lead.GroupedUnderId, lead.GroupedUnder) = (null, null);
            lead.Revision++;
            foreach (var member in group.Skip(1))
            {
                member.GroupedUnder = lead;
            }
            newLeads.Add(lead);
        }
        return newLeads;
    }

    // What routes judge an alert by, read for an alert outside the batch that opened it.
    internal async Task<AlertFacts> FactsAsync(Alert alert, CancellationToken cancellationToken)
    {
        var service = await db.Services.AsNoTracking().Where(s => s.Id == alert.ServiceId)
            .Select(s => new { s.Name, Team = s.Team!.Name }).SingleAsync(cancellationToken);
        var integration = alert.IntegrationId is { } id
            ? await db.Integrations.AsNoTracking().Where(i => i.Id == id).Select(i => i.Name).SingleOrDefaultAsync(cancellationToken)
            : null;
        return new AlertFacts(service.Name, service.Team, alert.Severity, alert.Urgency, alert.Source, integration, alert.Labels);
    }
}
