using Microsoft.EntityFrameworkCore;
using Unyo.Data;

using Unyo.Features.Alerts.Matching;

namespace Unyo.Features.Alerts.Pipeline;

// Stores one batch of submissions in one transaction: dedupes each event against the open alert
// of its key, opens, acknowledges and resolves alerts, writes their timelines, and lets the
// observers (notifications) add what they must in the same transaction.
public sealed class AlertBatchWriter(UnyoDb db, AlertJudge judge, AlertGroups groups, TimeProvider time, IEnumerable<IAlertChangeObserver> observers)
{
    internal async Task<IReadOnlyList<AlertChange>> WriteAsync(IReadOnlyList<AlertSubmission> batch, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        AssignKeys(batch);
        // One connection for the batch's reads and its transaction: opened per query, each read
        // would take it from the pool and set it up again.
        await db.Database.OpenConnectionAsync(cancellationToken);
        var serviceIds = batch.Select(s => s.Integration.ServiceId).Distinct().ToList();
        var keys = batch.SelectMany(s => s.DedupKeys).Distinct().ToList();
        var services = await db.Services.AsNoTracking().Where(s => serviceIds.Contains(s.Id))
            .Select(s => new ServiceFacts(s.Id, s.Name, s.TeamId, s.Team!.Name, s.RunbookUrl))
            .ToDictionaryAsync(s => s.Id, cancellationToken);
        var open = (await db.Alerts.Where(a => a.ResolvedAt == null && keys.Contains(a.DedupKey) && serviceIds.Contains(a.ServiceId)).ToListAsync(cancellationToken))
            .ToDictionary(a => (a.ServiceId, a.DedupKey));
        var timetable = await judge.TimetableAsync(cancellationToken);
        var flapping = await AlertFlaps.FlappingAsync(db, batch, open, now, cancellationToken);
        var leads = await groups.LeadsAsync(
            batch.SelectMany(s => s.Events.Select((e, i) => (e, Key: (s.Integration.ServiceId, s.DedupKeys[i]))))
                .Where(o => o.e.Action == AlertAction.Trigger && !open.ContainsKey(o.Key)).Select(o => (o.Key.ServiceId, o.e.GroupKey)),
            now, cancellationToken);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var timeline = new List<(Alert Alert, AlertTimelineKind Kind, string Actor, string? Text)>();
        var changes = new List<AlertChange>();
        var resolved = new List<Alert>();
        foreach (var submission in batch)
        {
            var integration = submission.Integration;
            if (!services.TryGetValue(integration.ServiceId, out var service))
            {
                // The service was deleted after the key was looked up: its alerts go with it.
                continue;
            }
            for (var i = 0; i < submission.Events.Count; i++)
            {
                var alertEvent = submission.Events[i];
                var key = (service.Id, submission.DedupKeys[i]);
                AlertMetrics.Events.WithLabels(alertEvent.Action.ToString().ToLowerInvariant()).Inc();
                open.TryGetValue(key, out var alert);
                switch (alertEvent.Action)
                {
                    case AlertAction.Trigger when alert is not null:
                        Repeat(alert, alertEvent, now);
                        break;
                    case AlertAction.Trigger:
                        alert = Open(alertEvent, submission.DedupKeys[i], integration, service, now);
                        db.Alerts.Add(alert);
                        open[key] = alert;
                        var facts = FactsOf(alert, service, integration);
                        alert.SuppressedBy = judge.SuppressionFor(timetable, service.Id, facts, now)
                            ?? (flapping.Contains(key) ? "flapping: the key opened too many alerts in a short time" : null);
                        timeline.Add((alert, AlertTimelineKind.Triggered, integration.Name, alertEvent.Summary));
                        if (alert.SuppressedBy is { } why)
                        {
                            timeline.Add((alert, AlertTimelineKind.Suppressed, "unyo", why));
                        }
                        else if (groups.Place(alert, leads) is not null)
                        {
                            // Its text names the lead, whose id may be given only by the save below.
                            timeline.Add((alert, AlertTimelineKind.Grouped, "unyo", null));
                        }
                        else
                        {
                            changes.Add(new AlertChange(alert, AlertChangeKind.Triggered, facts, integration.Name));
                        }
                        break;
                    case AlertAction.Acknowledge when alert is { Status: AlertStatus.Triggered }:
                        alert.Status = AlertStatus.Acknowledged;
                        alert.Revision++;
                        (alert.AcknowledgedAt, alert.AcknowledgedBy, alert.LastSeenAt) = (now, integration.Name, now);
                        timeline.Add((alert, AlertTimelineKind.Acknowledged, integration.Name, null));
                        Tell(changes, alert, AlertChangeKind.Acknowledged, service, integration);
                        break;
                    case AlertAction.Resolve when alert is not null:
                        alert.Status = AlertStatus.Resolved;
                        alert.Revision++;
                        (alert.ResolvedAt, alert.ResolvedBy, alert.LastSeenAt) = (now, integration.Name, now);
                        open.Remove(key);
                        resolved.Add(alert);
                        timeline.Add((alert, AlertTimelineKind.Resolved, integration.Name, null));
                        Tell(changes, alert, AlertChangeKind.Resolved, service, integration);
                        break;
                    default:
                        // Acknowledging or resolving what is not open (or already acknowledged)
                        // changes nothing, as in PagerDuty: the event is accepted all the same.
                        break;
                }
            }
        }
        await db.SaveChangesAsync(cancellationToken);

        // Ids exist now: the timeline and the observers' rows can point at the alerts.
        foreach (var lead in await groups.UngroupAsync(resolved, cancellationToken))
        {
            timeline.Add((lead, AlertTimelineKind.Ungrouped, "unyo", AlertGroups.UngroupedText));
            if (lead.Status == AlertStatus.Triggered)
            {
                changes.Add(new AlertChange(lead, AlertChangeKind.Triggered, await groups.FactsAsync(lead, cancellationToken), "unyo"));
            }
        }
        foreach (var (alert, kind, actor, text) in timeline)
        {
            var said = kind == AlertTimelineKind.Grouped ? AlertGroups.GroupedText(alert) : text;
            db.AlertTimeline.Add(new AlertTimelineEntry { AlertId = alert.Id, At = now, Kind = kind, Actor = actor, Text = said });
        }
        if (changes.Count > 0)
        {
            foreach (var observer in observers)
            {
                await observer.OnChangesAsync(db, changes, cancellationToken);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return changes;
    }

    // Events without a key get a new one; a retry of the batch keeps the keys already given.
    private static void AssignKeys(IReadOnlyList<AlertSubmission> batch)
    {
        foreach (var submission in batch)
        {
            for (var i = 0; i < submission.Events.Count; i++)
            {
                submission.DedupKeys[i] ??= submission.Events[i].DedupKey ?? IntegrationKeys.New();
            }
        }
    }

    private static Alert Open(AlertEvent alertEvent, string key, IntegrationRef integration, ServiceFacts service, DateTimeOffset now) => new()
    {
        ServiceId = service.Id,
        IntegrationId = integration.Id == Guid.Empty ? null : integration.Id,
        Source = alertEvent.Source,
        DedupKey = key,
        Summary = alertEvent.Summary,
        Details = alertEvent.Details,
        Severity = alertEvent.Severity,
        Urgency = AlertJudge.UrgencyFor(alertEvent, integration, now),
        Labels = new Dictionary<string, string>(alertEvent.Labels),
        Links = [.. alertEvent.Links],
        RunbookUrl = alertEvent.RunbookUrl ?? service.RunbookUrl,
        RunbookMissing = alertEvent.RunbookUrl is null && service.RunbookUrl is null,
        GroupKey = alertEvent.GroupKey,
        Status = AlertStatus.Triggered,
        FirstSeenAt = now,
        LastSeenAt = now,
        OccurrenceCount = 1,
    };

    // The same trouble again: counted, and the latest details kept; the summary and severity the
    // alert opened with stay, so a page does not change under the person reading it.
    private static void Repeat(Alert alert, AlertEvent alertEvent, DateTimeOffset now)
    {
        alert.LastSeenAt = now;
        alert.OccurrenceCount++;
        alert.Revision++;
        if (alertEvent.Details is not null)
        {
            alert.Details = alertEvent.Details;
        }
        if (alertEvent.Labels.Count > 0)
        {
            alert.Labels = new Dictionary<string, string>(alertEvent.Labels);
        }
        if (alertEvent.Links.Count > 0)
        {
            alert.Links = [.. alertEvent.Links];
        }
    }

    // Acknowledgements and resolutions of an alert nobody was told of on its own stay quiet too.
    private static void Tell(List<AlertChange> changes, Alert alert, AlertChangeKind kind, ServiceFacts service, IntegrationRef integration)
    {
        if (alert.IsToldOfAlone())
        {
            changes.Add(new AlertChange(alert, kind, FactsOf(alert, service, integration), integration.Name));
        }
    }

    internal static AlertFacts FactsOf(Alert alert, ServiceFacts service, IntegrationRef integration) =>
        new(service.Name, service.Team, alert.Severity, alert.Urgency, alert.Source, integration.Id == Guid.Empty ? null : integration.Name, alert.Labels);
}
