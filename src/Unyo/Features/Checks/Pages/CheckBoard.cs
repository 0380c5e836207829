using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Telemetry;

namespace Unyo.Features.Checks.Pages;

// The read side of the checks list and the service section: a page of checks, worst first, and
// the last 24 hours of that whole page in one grouped query, so that the list stays fast with
// 10,000 checks (one page of rows and 96 slots per check, not 1,440 minutes per check).
public static class CheckBoard
{
    public const int SlotMinutes = 15;
    public const int Slots = 24 * 60 / SlotMinutes;

    // Last 24 hours of one check: uptime, and per slot (oldest first) what ran, or null.
    public sealed record Day(CheckUptime Uptime, CheckSlot?[] Slots);

    public static async Task<(List<CheckQueries.Row> Rows, bool More)> PageAsync(
        UnyoDb db, string? service, CheckStatus? status, int skip, int take, CancellationToken cancellationToken)
    {
        var checks = db.Checks.AsQueryable();
        if (service is not null)
        {
            checks = checks.Where(c => c.Service!.Name == service);
        }
        // Every check is created with its state, in the same save.
        var query = checks.Join(db.CheckStates, c => c.Id, s => s.CheckId, (c, s) => new { Check = c, State = s });
        if (status is { } wanted)
        {
            query = query.Where(x => x.State.Status == wanted);
        }
        var rows = await query
            .OrderBy(x => x.State.Status == CheckStatus.Down ? 0 : x.State.Status == CheckStatus.Degraded ? 1 : 2)
            .ThenBy(x => x.Check.Name)
            .Skip(skip).Take(take + 1)
            .Select(x => new CheckQueries.Row(x.Check, x.Check.Service!.Name, x.Check.Service.Team!.Name, x.State))
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        return (rows.Take(take).ToList(), rows.Count > take);
    }

    public static async Task<Dictionary<Guid, Day>> DaysAsync(UnyoDb db, IReadOnlyCollection<Guid> ids, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var last = SliMinute.Of(now);
        var first = last - Slots * SlotMinutes + 1;
        var idList = ids.ToList();
        var slots = await db.CheckMinutes
            .Where(m => idList.Contains(m.CheckId) && m.Minute >= first && m.Minute <= last)
            .GroupBy(m => new { m.CheckId, Slot = (m.Minute - first) / SlotMinutes })
            .Select(g => new { g.Key.CheckId, g.Key.Slot, Runs = g.Sum(m => m.Up + m.Degraded + m.Down), Down = g.Sum(m => m.Down), P95 = g.Max(m => m.P95Ms) })
            .ToListAsync(cancellationToken);
        var days = new Dictionary<Guid, Day>();
        foreach (var id in idList)
        {
            days[id] = new Day(CheckUptime.None, new CheckSlot?[Slots]);
        }
        foreach (var slot in slots)
        {
            var day = days[slot.CheckId];
            day.Slots[slot.Slot] = new CheckSlot(slot.Runs, slot.Down, slot.P95);
            days[slot.CheckId] = day with { Uptime = day.Uptime.Plus(new CheckUptime(slot.Runs, slot.Down)) };
        }
        return days;
    }

    // Empty slots a check leaves between runs (a 1-hour check fills every fourth), so that its
    // sparkline does not break between them.
    public static int Gap(Check check) => Math.Max(1, (int)Math.Ceiling(check.IntervalSeconds / 60.0 / SlotMinutes));

    // How many checks are in each state, for the filter links above the list.
    public static async Task<Dictionary<CheckStatus, int>> CountsAsync(UnyoDb db, string? service, CancellationToken cancellationToken)
    {
        var states = db.CheckStates.AsQueryable();
        if (service is not null)
        {
            states = states.Where(s => db.Checks.Any(c => c.Id == s.CheckId && c.Service!.Name == service));
        }
        return await states.GroupBy(s => s.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
    }
}
