using Unyo.Features.Maintenance;
using Unyo.Features.Telemetry;
using Unyo.Features.Telemetry.Ingest;

namespace Unyo.Features.Slos.Sla;

// Counts months of an SLO from the minute buckets still kept: one read of the SLI's minutes for
// all the months asked, then one pass over them. An SLO that leaves maintenance out leaves it out
// of its months too, so a month in a report and a calendar month's status still agree.
public sealed class SloMonthCounter(SliData data, SliRetention retention, SliIngestOptions ingest, MaintenanceCalendar maintenance)
{
    // The first month whose minutes are all still kept, on the zone's calendar.
    public CalendarMonth FirstCountable(TimeZoneInfo zone, DateTimeOffset now)
    {
        var oldest = now - retention.Keep;
        var month = CalendarMonth.Containing(oldest, zone);
        return month.SpanIn(zone).Start >= oldest ? month : month.AddMonths(1);
    }

    // The months (ascending, each counted up to `now`).
    public async Task<List<SlaMonth>> CountAsync(Slo slo, IReadOnlyList<CalendarMonth> months, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (months.Count == 0)
        {
            return [];
        }
        var definition = slo.ToDefinition();
        var zone = definition.Window.TimeZone;
        var first = SliMinute.Of(months[0].SpanIn(zone).Start);
        var last = Math.Min(SliMinute.Of(months[^1].SpanIn(zone).End) - 1, SliMinute.LastBefore(now));
        var minutes = await data.MinutesBetweenAsync(slo.SliId, first, last, cancellationToken);
        if (slo.ExcludeMaintenance)
        {
            var timetable = await maintenance.CurrentAsync(cancellationToken);
            var check = timetable.NamesChecks ? (await data.ChecksFeedingAsync([slo.SliId], cancellationToken)).GetValueOrDefault(slo.SliId) : null;
            var ranges = MaintenanceExclusion.Ranges(timetable, slo.ServiceId, check, first, last);
            minutes = ranges.Count == 0 ? minutes : MaintenanceExclusion.Without(minutes, ranges);
        }
        return [.. months.Select(month => SloMonthCalculator.Count(definition, slo.ObjectivePercent, minutes, month, now, ingest.LateHorizon))];
    }
}
