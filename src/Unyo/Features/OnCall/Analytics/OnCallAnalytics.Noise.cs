using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Features.Alerts;

namespace Unyo.Features.OnCall.Analytics;

public sealed partial class OnCallAnalytics
{
    public const int NoisyLimit = 50;

    // The timeline kinds that tell how an alert ended and whether anyone did anything about it.
    private static readonly AlertTimelineKind[] Telling =
        [AlertTimelineKind.Acknowledged, AlertTimelineKind.Resolved, AlertTimelineKind.AutoResolved, AlertTimelineKind.Note, AlertTimelineKind.Reassigned, AlertTimelineKind.Snoozed];

    private sealed record OpenedAlert(long Id, string Service, string DedupKey, string Summary, DateTimeOffset FirstSeenAt, DateTimeOffset? ResolvedAt, string? ResolvedBy, int Pages);

    // Alerts opened in the period, grouped by service and dedup key, most pages first (then most
    // alerts): the ones worth tuning or deleting.
    private async Task<List<NoisyAlertResponse>> NoisyAsync(AnalyticsPeriod period, CancellationToken cancellationToken)
    {
        var opened = InScope(db.Alerts.AsNoTracking().Where(a => a.FirstSeenAt >= period.From && a.FirstSeenAt < period.To), period);
        var alerts = await opened
            .Select(a => new OpenedAlert(a.Id, a.Service!.Name, a.DedupKey, a.Summary, a.FirstSeenAt, a.ResolvedAt, a.ResolvedBy, db.EscalationPages.Count(p => p.AlertId == a.Id)))
            .Take(MaxRows + 1).ToListAsync(cancellationToken);
        TooMany(alerts.Count, "alerts");
        var entries = (await db.AlertTimeline.AsNoTracking()
                .Where(e => Telling.Contains(e.Kind) && opened.Any(a => a.Id == e.AlertId))
                .Select(e => new { e.AlertId, e.Id, e.Kind }).ToListAsync(cancellationToken))
            .GroupBy(e => e.AlertId).ToDictionary(g => g.Key, g => g.OrderBy(e => e.Id).Select(e => e.Kind).ToList());

        return [.. alerts.GroupBy(a => (a.Service, a.DedupKey)).Select(g =>
            {
                var list = g.ToList();
                var kinds = list.Select(a => entries.GetValueOrDefault(a.Id) ?? []).ToList();
                var auto = list.Where((a, i) => a.ResolvedAt is not null && (a.ResolvedBy == AlertReading.Unyo || kinds[i].Contains(AlertTimelineKind.AutoResolved))).Count();
                var idle = kinds.Count(AlertReading.AcknowledgedWithoutAction);
                var resolved = list.Where(a => a.ResolvedAt is not null).Select(a => (a.ResolvedAt!.Value - a.FirstSeenAt).TotalSeconds).ToList();
                return new NoisyAlertResponse(g.Key.Service, g.Key.DedupKey, list.MaxBy(a => a.FirstSeenAt)!.Summary, list.Count, list.Sum(a => a.Pages),
                    (double)auto / list.Count, (double)idle / list.Count, resolved.Count == 0 ? null : resolved.Average());
            })
            .OrderByDescending(n => n.Pages).ThenByDescending(n => n.Alerts).ThenBy(n => n.Service, StringComparer.Ordinal).ThenBy(n => n.DedupKey, StringComparer.Ordinal)
            .Take(NoisyLimit)];
    }
}
