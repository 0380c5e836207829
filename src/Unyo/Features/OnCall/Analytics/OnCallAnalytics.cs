using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Alerts;
using Unyo.Hosting;

namespace Unyo.Features.OnCall.Analytics;

// On-call load over a period. The database filters and joins (pages in the period and scope,
// each paged alert's first page, the alerts opened in the period with their page counts); zones,
// working hours, percentiles and the reading of timelines happen here, in memory, bounded by
// MaxAlerts.
public sealed partial class OnCallAnalytics(UnyoDb db)
{
    // Beyond this many pages or alerts in one period the caller is asked to narrow it, rather than
    // the server holding an unbounded list.
    public const int MaxRows = 100_000;

    private sealed record PageRow(long AlertId, Guid UserId, DateTimeOffset At);

    private sealed record PagedAlert(long Id, string Team, DateTimeOffset? AcknowledgedAt, DateTimeOffset? ResolvedAt, DateTimeOffset FirstPage);

    public async Task<OnCallAnalyticsResponse> ComputeAsync(AnalyticsPeriod period, CancellationToken cancellationToken)
    {
        var pages = await InScope(db.EscalationPages.AsNoTracking().Where(p => p.At >= period.From && p.At < period.To), period)
            .OrderBy(p => p.At).Select(p => new PageRow(p.AlertId, p.UserId, p.At)).Take(MaxRows + 1).ToListAsync(cancellationToken);
        TooMany(pages.Count, "pages");
        var paged = await PagedAlertsAsync(period, cancellationToken);
        var userIds = pages.Select(p => p.UserId).Distinct().ToList();
        var people = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).Select(u => new { u.Id, u.Email, u.DisplayName }).ToDictionaryAsync(u => u.Id, cancellationToken);
        var profiles = await db.OnCallProfiles.AsNoTracking().Where(p => userIds.Contains(p.UserId)).ToDictionaryAsync(p => p.UserId, cancellationToken);
        var hours = userIds.ToDictionary(id => id, id => WorkingHours.Of(profiles.GetValueOrDefault(id)));

        var personRows = pages.GroupBy(p => p.UserId).Select(g =>
        {
            var (off, night) = Count(g, hours[g.Key]);
            var person = people[g.Key];
            return new PersonOnCallLoad(person.Email, person.DisplayName, hours[g.Key].ZoneName, g.Count(), off, night, Times(g.Select(p => paged[p.AlertId])));
        }).OrderByDescending(r => r.Pages).ThenBy(r => r.Email, StringComparer.Ordinal).ToList();

        var teamRows = pages.GroupBy(p => paged[p.AlertId].Team).Select(g =>
        {
            var (off, night) = g.Aggregate((Off: 0, Night: 0), (sum, p) => (sum.Off + (hours[p.UserId].IsWorking(p.At) ? 0 : 1), sum.Night + (hours[p.UserId].IsNight(p.At) ? 1 : 0)));
            return new TeamOnCallLoad(g.Key, g.Count(), off, night, g.Select(p => p.UserId).Distinct().Count(), Times(g.Select(p => paged[p.AlertId])));
        }).OrderByDescending(r => r.Pages).ThenBy(r => r.Team, StringComparer.Ordinal).ToList();

        return new OnCallAnalyticsResponse(period.From, period.To, period.Team, period.Service, personRows, teamRows, await NoisyAsync(period, cancellationToken));
    }

    private static (int Off, int Night) Count(IEnumerable<PageRow> pages, WorkingHours hours) =>
        (pages.Count(p => !hours.IsWorking(p.At)), pages.Count(p => hours.IsNight(p.At)));

    // Each alert once: from its first page (to anyone, at any time) to its acknowledgement and to
    // its resolution. An acknowledgement before the first page (someone saw it on the alerts page
    // first) is left out of the acknowledge times rather than counted as negative.
    private static ResponseTimes Times(IEnumerable<PagedAlert> alerts)
    {
        var distinct = alerts.DistinctBy(a => a.Id).ToList();
        List<double> ack = [.. distinct.Where(a => a.AcknowledgedAt >= a.FirstPage).Select(a => (a.AcknowledgedAt!.Value - a.FirstPage).TotalSeconds).Order()];
        List<double> resolve = [.. distinct.Where(a => a.ResolvedAt >= a.FirstPage).Select(a => (a.ResolvedAt!.Value - a.FirstPage).TotalSeconds).Order()];
        return new ResponseTimes(distinct.Count, Quantiles.Of(ack, 0.5), Quantiles.Of(ack, 0.9), Quantiles.Of(resolve, 0.5), Quantiles.Of(resolve, 0.9));
    }

    // The alerts paged in the period, with the team of their service and their first page ever.
    private async Task<Dictionary<long, PagedAlert>> PagedAlertsAsync(AnalyticsPeriod period, CancellationToken cancellationToken)
    {
        var pagedInPeriod = InScope(db.EscalationPages.Where(p => p.At >= period.From && p.At < period.To), period).Select(p => p.AlertId);
        var firstPages = db.EscalationPages.Where(p => pagedInPeriod.Contains(p.AlertId)).GroupBy(p => p.AlertId).Select(g => new { AlertId = g.Key, First = g.Min(p => p.At) });
        var rows = await db.Alerts.AsNoTracking()
            .Join(firstPages, a => a.Id, f => f.AlertId, (a, f) => new PagedAlert(a.Id, a.Service!.Team!.Name, a.AcknowledgedAt, a.ResolvedAt, f.First))
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Id);
    }

    private static IQueryable<Escalation.EscalationPage> InScope(IQueryable<Escalation.EscalationPage> pages, AnalyticsPeriod period)
    {
        if (period.ServiceId is { } service)
        {
            pages = pages.Where(p => p.Alert!.ServiceId == service);
        }
        if (period.TeamId is { } team)
        {
            pages = pages.Where(p => p.Alert!.Service!.TeamId == team);
        }
        return pages;
    }

    private static IQueryable<Alert> InScope(IQueryable<Alert> alerts, AnalyticsPeriod period)
    {
        if (period.ServiceId is { } service)
        {
            alerts = alerts.Where(a => a.ServiceId == service);
        }
        if (period.TeamId is { } team)
        {
            alerts = alerts.Where(a => a.Service!.TeamId == team);
        }
        return alerts;
    }

    private static void TooMany(int count, string what)
    {
        if (count > MaxRows)
        {
            throw new RequestValidationException(new ValidationErrors().Add("from", $"the period holds more than {MaxRows:N0} {what}; ask for a shorter period or filter by team or service."));
        }
    }
}
