using Microsoft.EntityFrameworkCore;
using Unyo.Data;

namespace Unyo.Features.Alerts.Pages;

// The pages' reads of alerts: the inbox's counts and rows, a service's open alerts. Reads only;
// changes go through AlertActions.
public sealed class AlertInbox(UnyoDb db)
{
    public const int PageSize = 50;

    public async Task<Dictionary<AlertStatus, int>> CountsAsync(AlertInboxFilter filter, CancellationToken cancellationToken) =>
        await Filtered(filter)
            .GroupBy(a => a.Status)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

    // Newest first; one row more than a page tells whether there is a next page.
    public async Task<(List<Alert> Rows, bool More)> PageAsync(AlertInboxFilter filter, int page, CancellationToken cancellationToken)
    {
        var query = filter.Status is { } status ? Filtered(filter).Where(a => a.Status == status) : Filtered(filter).Where(a => a.Status != AlertStatus.Resolved);
        var rows = await query
            .Include(a => a.Service!).ThenInclude(s => s.Team)
            .OrderByDescending(a => a.FirstSeenAt).ThenByDescending(a => a.Id)
            .Skip((page - 1) * PageSize).Take(PageSize + 1)
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        var more = rows.Count > PageSize;
        return (more ? rows.GetRange(0, PageSize) : rows, more);
    }

    public Task<List<Alert>> OpenOfServiceAsync(string service, int limit, CancellationToken cancellationToken) =>
        db.Alerts.AsNoTracking()
            .Where(a => a.Service!.Name == service && (a.Status == AlertStatus.Triggered || a.Status == AlertStatus.Acknowledged))
            .OrderByDescending(a => a.FirstSeenAt).ThenByDescending(a => a.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);

    // The services and teams that have alerts at all, for the filters' choices.
    public async Task<(List<string> Services, List<string> Teams)> ChoicesAsync(CancellationToken cancellationToken)
    {
        var services = await db.Services.Where(s => db.Alerts.Any(a => a.ServiceId == s.Id)).OrderBy(s => s.Name).Select(s => s.Name).ToListAsync(cancellationToken);
        var teams = await db.Teams.Where(t => db.Alerts.Any(a => a.Service!.TeamId == t.Id)).OrderBy(t => t.Name).Select(t => t.Name).ToListAsync(cancellationToken);
        return (services, teams);
    }

    public Task<Alert?> FindAsync(long id, CancellationToken cancellationToken) =>
        db.Alerts.AsNoTracking().Include(a => a.Service!).ThenInclude(s => s.Team).SingleOrDefaultAsync(a => a.Id == id, cancellationToken);

    public Task<string?> IntegrationNameAsync(Guid? id, CancellationToken cancellationToken) =>
        id is { } integration ? db.Integrations.Where(i => i.Id == integration).Select(i => i.Name).SingleOrDefaultAsync(cancellationToken) : Task.FromResult<string?>(null);

    public Task<List<AlertTimelineEntry>> TimelineAsync(long id, CancellationToken cancellationToken) =>
        db.AlertTimeline.AsNoTracking().Where(e => e.AlertId == id).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(cancellationToken);

    // Every filter but the status tab: the counts show all statuses.
    private IQueryable<Alert> Filtered(AlertInboxFilter filter)
    {
        var query = db.Alerts.AsQueryable();
        if (filter.Service is { } service)
        {
            query = query.Where(a => a.Service!.Name == service);
        }
        if (filter.Team is { } team)
        {
            query = query.Where(a => a.Service!.Team!.Name == team);
        }
        if (filter.Urgency is { } urgency)
        {
            query = query.Where(a => a.Urgency == urgency);
        }
        return query;
    }
}
