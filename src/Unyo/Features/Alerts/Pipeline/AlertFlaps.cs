using Microsoft.EntityFrameworkCore;
using Unyo.Data;

namespace Unyo.Features.Alerts.Pipeline;

// A key that opened FlapThreshold alerts within FlapWindow is flapping: its next alerts are
// stored but nobody is told, until it settles.
internal static class AlertFlaps
{
    public static readonly TimeSpan FlapWindow = TimeSpan.FromMinutes(30);
    public const int FlapThreshold = 4;

    // Keys about to open a new alert that already opened FlapThreshold - 1 within FlapWindow.
    internal static async Task<HashSet<(Guid, string)>> FlappingAsync(UnyoDb db, IReadOnlyList<AlertSubmission> batch, Dictionary<(Guid, string), Alert> open, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var opening = batch.SelectMany(s => s.Events.Select((e, i) => (e.Action, Key: (s.Integration.ServiceId, s.DedupKeys[i]))))
            .Where(e => e.Action == AlertAction.Trigger && !open.ContainsKey(e.Key))
            .Select(e => e.Key).ToHashSet();
        if (opening.Count == 0)
        {
            return [];
        }
        var since = now - FlapWindow;
        var keys = opening.Select(k => k.Item2).Distinct().ToList();
        var recent = await db.Alerts.AsNoTracking()
            .Where(a => a.ResolvedAt != null && a.FirstSeenAt >= since && keys.Contains(a.DedupKey))
            .GroupBy(a => new { a.ServiceId, a.DedupKey })
            .Select(g => new { g.Key.ServiceId, g.Key.DedupKey, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return recent.Where(r => r.Count >= FlapThreshold - 1 && opening.Contains((r.ServiceId, r.DedupKey)))
            .Select(r => (r.ServiceId, r.DedupKey)).ToHashSet();
    }
}
