using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Telemetry;
using Unyo.Features.Telemetry.Ingest;

namespace Unyo.Features.Slos.Sla;

// Keeps every SLO's month records current: the month under way is recounted once its record is
// an hour old (or older than a change to the SLO), a month that is over is counted a last time
// and made final once its end plus the late-data horizon has passed, and months still within the
// minute retention that have no record (a new SLO) are counted. One read and one pass per SLO; the most overdue SLOs first, within a time budget per
// run so that a month's turn for 10,000 SLOs spreads over several runs.
public sealed class SloMonthRefresher(
    UnyoDb db, SloMonthCounter counter, SliRetention retention, SliIngestOptions ingest, TimeProvider time, ILogger<SloMonthRefresher> logger)
{
    public static readonly TimeSpan RefreshEvery = TimeSpan.FromHours(1);

    private sealed record RecordState(Guid SloId, DateOnly Month, bool Final, DateTimeOffset ComputedAt, DateTimeOffset End);

    private sealed record Work(Slo Slo, List<CalendarMonth> Count, List<DateOnly> Seal, DateTimeOffset DueSince);

    // Returns how many month records were written.
    public async Task<int> RefreshAsync(DateTimeOffset now, TimeSpan budget, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        // Stored to the microsecond, as PostgreSQL keeps it, so a record reads back as written.
        now = now.AddTicks(-(now.UtcTicks % TimeSpan.TicksPerMicrosecond));
        var slos = await db.Slos.AsNoTracking().ToListAsync(cancellationToken);
        // Final months older than the retention are never looked at again (a zone is less than a
        // day from UTC, so a month of slack covers every calendar).
        var since = DateOnly.FromDateTime((now - retention.Keep).UtcDateTime).AddMonths(-1);
        var records = (await db.SloMonths.AsNoTracking().Where(m => !m.Final || m.Month >= since)
            .Select(m => new RecordState(m.SloId, m.Month, m.Final, m.ComputedAt, m.End)).ToListAsync(cancellationToken))
            .ToLookup(r => r.SloId);
        var work = new List<Work>();
        foreach (var slo in slos)
        {
            try
            {
                if (Due(slo, [.. records[slo.Id]], now) is { } due)
                {
                    work.Add(due);
                }
            }
            catch (TimeZoneNotFoundException exception)
            {
                logger.LogError(exception, "SLO {Slo}: its time zone is unknown on this host; its months are not counted", slo.Name);
            }
        }
        work.Sort((a, b) => a.DueSince.CompareTo(b.DueSince));
        var written = 0;
        for (var i = 0; i < work.Count; i++)
        {
            if (i > 0 && time.GetElapsedTime(started) > budget)
            {
                logger.LogInformation("SLO months: this run's time is up; {Left} SLOs wait for the next", work.Count - i);
                break;
            }
            var item = work[i];
            try
            {
                written += await WriteAsync(item, now, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                db.ChangeTracker.Clear();
                logger.LogError(exception, "Counting the months of SLO {Slo} failed", item.Slo.Name);
            }
        }
        return written;
    }

    // What the SLO needs, and since when: a missing or finishable month is due at once, a stale
    // one since it went stale.
    private Work? Due(Slo slo, List<RecordState> records, DateTimeOffset now)
    {
        var zone = slo.CalendarZone;
        var first = counter.FirstCountable(zone, now);
        var current = CalendarMonth.Containing(now, zone);
        var byMonth = records.ToDictionary(r => r.Month);
        var count = new List<CalendarMonth>();
        var dueSince = DateTimeOffset.MaxValue;
        for (var month = first; month <= current; month = month.AddMonths(1))
        {
            var record = byMonth.GetValueOrDefault(month.FirstDay);
            DateTimeOffset? since = record switch
            {
                null => DateTimeOffset.MinValue,
                { Final: true } => null,
                _ when now >= record.End + ingest.LateHorizon => DateTimeOffset.MinValue,
                _ when record.ComputedAt < slo.UpdatedAt => slo.UpdatedAt,
                // Over but still taking late events: it is counted once, when it can be final,
                // so that the turn of a month reads each SLO's whole month once, not twice.
                _ when now >= record.End => null,
                _ when now - record.ComputedAt >= RefreshEvery => record.ComputedAt + RefreshEvery,
                _ => null,
            };
            if (since is { } value)
            {
                count.Add(month);
                dueSince = value < dueSince ? value : dueSince;
            }
        }
        // Unfinished months whose minutes are partly gone (no run for two months) cannot get
        // better: they are closed as they stand.
        var seal = records.Where(r => !r.Final && CalendarMonth.Of(r.Month) < first).Select(r => r.Month).ToList();
        if (seal.Count > 0)
        {
            dueSince = DateTimeOffset.MinValue;
        }
        return count.Count > 0 || seal.Count > 0 ? new Work(slo, count, seal, dueSince) : null;
    }

    private async Task<int> WriteAsync(Work work, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var months = await counter.CountAsync(work.Slo, work.Count, now, cancellationToken);
        var days = months.Select(m => m.Month.FirstDay).Concat(work.Seal).ToList();
        var existing = await db.SloMonths.Where(m => m.SloId == work.Slo.Id && days.Contains(m.Month)).ToDictionaryAsync(m => m.Month, cancellationToken);
        var written = 0;
        foreach (var month in months)
        {
            if (!existing.TryGetValue(month.Month.FirstDay, out var record))
            {
                // The key is set before Add: the change tracker keys it at once.
                record = new SloMonth { SloId = work.Slo.Id, Month = month.Month.FirstDay };
                db.SloMonths.Add(record);
            }
            else if (record.Final)
            {
                continue;
            }
            month.CopyTo(record);
            written++;
        }
        foreach (var day in work.Seal)
        {
            existing[day].Final = true;
        }
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return written + work.Seal.Count;
    }
}
