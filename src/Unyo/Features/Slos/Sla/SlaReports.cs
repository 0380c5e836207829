using Microsoft.EntityFrameworkCore;
using Unyo.Data;

namespace Unyo.Features.Slos.Sla;

// Reads SLA reports for the API and the pages. Nothing here writes: month records are kept by
// SloMonthRefresher.
public sealed class SlaReports(UnyoDb db, SloMonthCounter counter, TimeProvider time)
{
    // The SLO's months from `from` to `to`, oldest first, leaving out months not begun on its
    // calendar. A final record is the month's figure; other months whose minutes are all still
    // kept are counted now, exactly; older ones come from their record if there is one.
    public async Task<List<SlaMonth>> ForSloAsync(Slo slo, CalendarMonth from, CalendarMonth to, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var zone = slo.CalendarZone;
        var current = CalendarMonth.Containing(now, zone);
        var last = to < current ? to : current;
        if (last < from)
        {
            return [];
        }
        var (first, final) = (from.FirstDay, last.FirstDay);
        var records = await db.SloMonths.AsNoTracking()
            .Where(m => m.SloId == slo.Id && m.Month >= first && m.Month <= final)
            .ToDictionaryAsync(m => CalendarMonth.Of(m.Month), cancellationToken);
        var months = Enumerable.Range(0, from.MonthsUntil(last) + 1).Select(from.AddMonths).ToList();
        var countable = counter.FirstCountable(zone, now);
        var live = months.Where(m => m >= countable && records.GetValueOrDefault(m) is not { Final: true }).ToList();
        var counted = (await counter.CountAsync(slo, live, now, cancellationToken)).ToDictionary(m => m.Month);
        return [.. months.Select(month => records.GetValueOrDefault(month) is { Final: true } record ? SlaMonth.FromRecord(record)
            : counted.GetValueOrDefault(month) ?? (records.TryGetValue(month, out var partial) ? SlaMonth.FromRecord(partial) : SlaMonth.Uncounted(month, slo, zone)))];
    }

    // Every SLO (of one service, if given) in one month, from the stored records only: cheap for
    // any number of SLOs. The month under way is as of each record's last count. An SLO created
    // after the month ended is left out when its record found no data, or when it has none and
    // never will (the month's minutes are gone): it was not part of that month.
    public async Task<List<SlaRow>> ForMonthAsync(CalendarMonth month, string? service, CancellationToken cancellationToken)
    {
        var slos = db.Slos.AsNoTracking();
        if (service is not null)
        {
            slos = slos.Where(s => s.Service!.Name == service);
        }
        var rows = await slos.Select(s => new { Slo = s, Service = s.Service!.Name, Team = s.Service.Team!.Name }).ToListAsync(cancellationToken);
        var day = month.FirstDay;
        var now = time.GetUtcNow();
        var records = await db.SloMonths.AsNoTracking()
            .Where(m => m.Month == day && slos.Any(s => s.Id == m.SloId))
            .ToDictionaryAsync(m => m.SloId, cancellationToken);
        return [.. rows.Select(r =>
        {
            var zone = r.Slo.CalendarZone;
            var figures = records.TryGetValue(r.Slo.Id, out var record) ? SlaMonth.FromRecord(record) : SlaMonth.Uncounted(month, r.Slo, zone);
            return new SlaRow(r.Slo.Name, r.Slo.DisplayName, r.Service, r.Team, zone.Id, figures);
        }).Where((row, i) => row.Month.HasData || rows[i].Slo.CreatedAt < row.Month.End
            || (row.Month.Source == SlaSource.None && month >= counter.FirstCountable(rows[i].Slo.CalendarZone, now)))];
    }
}
