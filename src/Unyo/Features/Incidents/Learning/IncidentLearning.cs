using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.OnCall.Analytics;

namespace Unyo.Features.Incidents.Learning;

// MTTA/MTTR per service, severity and over time, and recurring incidents. The database filters
// (visible, not merged, declared in the period or the 90 days before it for recurrence) and the
// rest is counted in memory, bounded by MaxIncidents.
public sealed class IncidentLearning(UnyoDb db)
{
    public const int MaxIncidents = 50_000;
    public static readonly TimeSpan RecurrenceWindow = TimeSpan.FromDays(90);

    internal sealed record Row(long Id, string Title, int Severity, IncidentStatus Status, DateTimeOffset DeclaredAt, DateTimeOffset DetectedAt,
        DateTimeOffset? AcknowledgedAt, DateTimeOffset? MitigatedAt, DateTimeOffset? ResolvedAt, IReadOnlyList<(string Service, string Team)> Services);

    public async Task<IncidentLearningResponse> ComputeAsync(ClaimsPrincipal user, AnalyticsPeriod period, string bucket, CancellationToken cancellationToken)
    {
        var rows = await LoadAsync(user, period.From - RecurrenceWindow, period.To, cancellationToken);
        rows = [.. rows.Where(r => InScope(r, period))];
        var counted = rows.Where(r => r.DeclaredAt >= period.From).ToList();
        var services = counted
            .SelectMany(r => r.Services.Where(s => period.Service is null || s.Service == period.Service).Select(s => (s.Service, s.Team, Row: r)))
            .GroupBy(x => (x.Service, x.Team))
            .Select(g => new ServiceIncidentTimes(g.Key.Service, g.Key.Team, Times(g.Select(x => x.Row))))
            .OrderByDescending(s => s.Times.Incidents).ThenBy(s => s.Service, StringComparer.Ordinal).ToList();
        var severities = counted.GroupBy(r => r.Severity).OrderBy(g => g.Key).Select(g => new SeverityIncidentTimes(g.Key, Times(g))).ToList();
        var trend = Buckets(period, bucket).Select(b => new IncidentTrendPoint(b.Start, Times(counted.Where(r => r.DeclaredAt >= b.Start && r.DeclaredAt < b.End)))).ToList();
        return new IncidentLearningResponse(period.From, period.To, period.Team, period.Service, bucket, Times(counted), services, severities, trend,
            Recurring(rows, period));
    }

    // Incidents like this one: the same impacted service, a similar title, declared within 90 days
    // before or after it. Visibility applies to both ends: a private incident is never suggested.
    // Null when the incident does not exist for this user.
    public async Task<IReadOnlyList<IncidentReference>?> SimilarToAsync(ClaimsPrincipal user, long incidentId, CancellationToken cancellationToken)
    {
        var self = await db.Incidents.AsNoTracking().VisibleTo(db, user).Where(i => i.Id == incidentId)
            .Select(i => new { i.Title, i.DeclaredAt }).SingleOrDefaultAsync(cancellationToken);
        if (self is null)
        {
            return null;
        }
        var serviceIds = await db.IncidentImpacts.AsNoTracking().Where(i => i.IncidentId == incidentId).Select(i => i.ServiceId).ToListAsync(cancellationToken);
        if (serviceIds.Count == 0)
        {
            return [];
        }
        var from = self.DeclaredAt - RecurrenceWindow;
        var to = self.DeclaredAt + RecurrenceWindow;
        var candidates = await db.Incidents.AsNoTracking().VisibleTo(db, user)
            .Where(i => i.Id != incidentId && i.MergedIntoId == null && i.DeclaredAt >= from && i.DeclaredAt <= to
                && db.IncidentImpacts.Any(x => x.IncidentId == i.Id && serviceIds.Contains(x.ServiceId)))
            .OrderByDescending(i => i.DeclaredAt).Take(500)
            .Select(i => new { i.Id, i.Title, i.Severity, i.Status, i.DeclaredAt }).ToListAsync(cancellationToken);
        var words = TitleSimilarity.Words(self.Title);
        return [.. candidates.Where(c => TitleSimilarity.Similar(words, TitleSimilarity.Words(c.Title)))
            .Select(c => new IncidentReference(c.Id, c.Title, c.Severity, Text(c.Status), c.DeclaredAt))];
    }

    private async Task<List<Row>> LoadAsync(ClaimsPrincipal user, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var incidents = await db.Incidents.AsNoTracking().VisibleTo(db, user)
            .Where(i => i.MergedIntoId == null && i.DeclaredAt >= from && i.DeclaredAt < to)
            .OrderBy(i => i.DeclaredAt).Take(MaxIncidents + 1)
            .Select(i => new { i.Id, i.Title, i.Severity, i.Status, i.DeclaredAt, i.DetectedAt, i.AcknowledgedAt, i.MitigatedAt, i.ResolvedAt })
            .ToListAsync(cancellationToken);
        if (incidents.Count > MaxIncidents)
        {
            var errors = new Hosting.ValidationErrors();
            errors.Add("from", $"more than {MaxIncidents} incidents in the period and the 90 days before it; ask for a shorter period.");
            throw new Hosting.RequestValidationException(errors);
        }
        var ids = incidents.Select(i => i.Id).ToList();
        var impacts = (await db.IncidentImpacts.AsNoTracking().Where(x => ids.Contains(x.IncidentId))
                .Select(x => new { x.IncidentId, Service = x.Service!.Name, Team = x.Service.Team!.Name }).ToListAsync(cancellationToken))
            .ToLookup(x => x.IncidentId, x => (x.Service, x.Team));
        return [.. incidents.Select(i => new Row(i.Id, i.Title, i.Severity, i.Status, i.DeclaredAt, i.DetectedAt, i.AcknowledgedAt, i.MitigatedAt, i.ResolvedAt,
            [.. impacts[i.Id].OrderBy(s => s.Service, StringComparer.Ordinal)]))];
    }

    private static bool InScope(Row row, AnalyticsPeriod period) =>
        (period.Service is null || row.Services.Any(s => s.Service == period.Service))
        && (period.Team is null || row.Services.Any(s => s.Team == period.Team));

    internal static IncidentTimes Times(IEnumerable<Row> rows)
    {
        var list = rows.ToList();
        List<double> ack = [.. list.Where(r => r.AcknowledgedAt >= r.DetectedAt).Select(r => (r.AcknowledgedAt!.Value - r.DetectedAt).TotalSeconds).Order()];
        List<double> mitigate = [.. list.Where(r => r.MitigatedAt >= r.DetectedAt).Select(r => (r.MitigatedAt!.Value - r.DetectedAt).TotalSeconds)];
        List<double> resolve = [.. list.Where(r => r.ResolvedAt >= r.DetectedAt).Select(r => (r.ResolvedAt!.Value - r.DetectedAt).TotalSeconds).Order()];
        return new IncidentTimes(list.Count,
            list.Count(r => r.Severity == 1), list.Count(r => r.Severity == 2), list.Count(r => r.Severity == 3), list.Count(r => r.Severity == 4),
            Mean(ack), Quantiles.Of(ack, 0.5), Mean(mitigate), Mean(resolve), Quantiles.Of(resolve, 0.5),
            list.Count(r => r.Status != IncidentStatus.Resolved));
    }

    private static double? Mean(List<double> values) => values.Count == 0 ? null : Math.Round(values.Average(), 3);

    internal static IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> Buckets(AnalyticsPeriod period, string bucket)
    {
        var day = period.From.UtcDateTime.Date;
        var start = bucket == "month"
            ? new DateTime(day.Year, day.Month, 1, 0, 0, 0, DateTimeKind.Utc)
            : day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
        while (start < period.To.UtcDateTime)
        {
            var end = bucket == "month" ? start.AddMonths(1) : start.AddDays(7);
            yield return (new DateTimeOffset(start, TimeSpan.Zero), new DateTimeOffset(end, TimeSpan.Zero));
            start = end;
        }
    }

    // Groups per service: an incident declared in the period joins the group of any earlier one
    // (in the period or the 90 days before) with a similar title declared at most 90 days before it.
    private static List<RecurringIncidents> Recurring(List<Row> rows, AnalyticsPeriod period)
    {
        var groups = new List<RecurringIncidents>();
        var words = rows.ToDictionary(r => r.Id, r => TitleSimilarity.Words(r.Title));
        foreach (var service in rows.SelectMany(r => r.Services.Select(s => s.Service)).Distinct().Where(s => period.Service is null || s == period.Service).Order(StringComparer.Ordinal))
        {
            var ofService = rows.Where(r => r.Services.Any(s => s.Service == service)).OrderBy(r => r.DeclaredAt).ToList();
            // Union-find over incident ids: two similar incidents join, and so do their groups.
            var parent = ofService.ToDictionary(r => r.Id, r => r.Id);
            long Root(long id) => parent[id] == id ? id : parent[id] = Root(parent[id]);
            var joined = new HashSet<long>();
            foreach (var later in ofService.Where(r => r.DeclaredAt >= period.From))
            {
                foreach (var earlier in ofService.Where(e => e.DeclaredAt < later.DeclaredAt && later.DeclaredAt - e.DeclaredAt <= RecurrenceWindow && TitleSimilarity.Similar(words[e.Id], words[later.Id])))
                {
                    parent[Root(later.Id)] = Root(earlier.Id);
                    joined.Add(earlier.Id);
                    joined.Add(later.Id);
                }
            }
            groups.AddRange(ofService.Where(r => joined.Contains(r.Id)).GroupBy(r => Root(r.Id)).Select(g => new RecurringIncidents(service,
                [.. g.OrderBy(r => r.DeclaredAt).Select(r => new IncidentReference(r.Id, r.Title, r.Severity, Text(r.Status), r.DeclaredAt))])));
        }
        return [.. groups.OrderByDescending(g => g.Incidents.Count).ThenByDescending(g => g.Incidents[^1].DeclaredAt)];
    }

    internal static string Text(IncidentStatus status) => status.ToString().ToLowerInvariant();
}
