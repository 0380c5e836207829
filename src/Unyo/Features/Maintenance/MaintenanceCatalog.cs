using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Audit;
using Unyo.Hosting;

namespace Unyo.Features.Maintenance;

// Reads and writes maintenance windows for the API and the pages. Every write checks its team,
// services and checks before it saves, and saves once with its audit record; the calendar of
// this node hears of it at once.
public sealed partial class MaintenanceCatalog(UnyoDb db, TimeProvider time, AuditLog audit, MaintenanceCalendar calendar, IMaintenanceScopeNames scope)
{
    // Cuts of occurrences older than this are dropped when a new one is added: no SLO window,
    // rolling or calendar, reaches back that far.
    private static readonly TimeSpan KeepCuts = TimeSpan.FromDays(100);

    public Task<MaintenanceWindow?> FindAsync(string name, CancellationToken cancellationToken) =>
        db.MaintenanceWindows.Include(w => w.Team).Include(w => w.Services).ThenInclude(s => s.Service).AsSplitQuery()
            .SingleOrDefaultAsync(w => w.Name == name, cancellationToken);

    // One page in name order, after the cursor's name.
    public async Task<Page<MaintenanceWindowResponse>> ListAsync(MaintenanceFilter filter, string? after, int take, CancellationToken cancellationToken)
    {
        IQueryable<MaintenanceWindow> query = db.MaintenanceWindows;
        if (!string.IsNullOrEmpty(filter.Service))
        {
            query = query.Where(w => w.Services.Any(s => s.Service!.Name == filter.Service));
        }
        if (!string.IsNullOrEmpty(filter.Team))
        {
            query = query.Where(w => w.Team!.Name == filter.Team);
        }
        if (filter.ActiveOnly)
        {
            var active = (await calendar.CurrentAsync(cancellationToken)).ActiveAt(time.GetUtcNow()).Select(o => o.Window).ToList();
            query = query.Where(w => active.Contains(w.Name));
        }
        if (after is not null)
        {
            query = query.Where(w => string.Compare(w.Name, after) > 0);
        }
        var rows = await ProjectAsync(query.OrderBy(w => w.Name).Take(take + 1), cancellationToken);
        var page = rows.Take(take).ToList();
        return new Page<MaintenanceWindowResponse>(page, rows.Count > take ? Cursor.Encode(page[^1].Name) : null);
    }

    public async Task<MaintenanceWindowResponse?> GetAsync(string name, CancellationToken cancellationToken) =>
        (await ProjectAsync(db.MaintenanceWindows.Where(w => w.Name == name), cancellationToken)).SingleOrDefault();

    private async Task<List<MaintenanceWindowResponse>> ProjectAsync(IQueryable<MaintenanceWindow> windows, CancellationToken cancellationToken) =>
        [.. (await windows.Select(w => new { Window = w, Team = w.Team!.Name, Services = w.Services.Select(s => s.Service!.Name).ToList() })
                .AsNoTracking().AsSplitQuery().ToListAsync(cancellationToken))
            .Select(r => ToResponse(r.Window, MaintenanceWindowSpec.From(r.Window, r.Team, r.Services)))];

    // Needs the window loaded with its team and services (FindAsync does).
    public MaintenanceWindowResponse ToResponse(MaintenanceWindow window) => ToResponse(window, Spec(window));

    private MaintenanceWindowResponse ToResponse(MaintenanceWindow window, MaintenanceWindowSpec spec)
    {
        var now = time.GetUtcNow();
        var occurrences = Occurrences(window);
        return new MaintenanceWindowResponse(
            spec.Name, spec.Team, spec.Title, spec.Description, spec.Services, spec.Checks,
            spec.Schedule.ToContract(), spec.Schedule.Recurring, spec.Schedule.Describe(), spec.SuppressAlerts,
            ToContract(occurrences.ActiveAt(now)), ToContract(occurrences.NextAfter(now)),
            window.ManagedBy.ToName(), window.Revision, window.CreatedAt, window.UpdatedAt);
    }

    public static WindowOccurrences Occurrences(MaintenanceWindow window) =>
        new(window.Name, window.Title, window.SuppressAlerts, MaintenanceWindowSpec.ScheduleOf(window), window.Cuts.Select(c => (c.OccurrenceStart, c.EndedAt)));

    public static MaintenanceOccurrenceResponse? ToContract(MaintenanceOccurrence? occurrence) =>
        occurrence is null ? null : new(occurrence.Window, occurrence.Title, occurrence.Start, occurrence.End, occurrence.EndedEarly);

    // Needs the window loaded with its team and services (FindAsync does).
    public static MaintenanceWindowSpec Spec(MaintenanceWindow window) =>
        MaintenanceWindowSpec.From(window, window.Team!.Name, window.Services.Select(s => s.Service!.Name));

    public async Task<MaintenanceWindow> CreateAsync(MaintenanceWindowSpec spec, ManagedBy managedBy, CancellationToken cancellationToken)
    {
        // Checked up front for a clear answer; the unique index still decides races.
        if (await db.MaintenanceWindows.AnyAsync(w => w.Name == spec.Name, cancellationToken))
        {
            throw NameTaken(spec.Name);
        }
        var now = time.StoredNow();
        var window = new MaintenanceWindow { Id = Guid.CreateVersion7(now), Name = spec.Name, Title = spec.Title, CreatedAt = now };
        await WriteAsync(window, spec, managedBy, now, cancellationToken);
        db.MaintenanceWindows.Add(window);
        audit.Record("maintenancewindow.create", MaintenanceWindowSpec.KindName, spec.Name, null, spec.ToDocument(), managedBy.ToName());
        await SaveAsync(spec.Name, cancellationToken);
        return window;
    }

    // Needs the window loaded with its team and services (FindAsync does).
    public async Task UpdateAsync(MaintenanceWindow window, MaintenanceWindowSpec spec, ManagedBy managedBy, CancellationToken cancellationToken)
    {
        var before = Spec(window).ToDocument();
        await WriteAsync(window, spec, managedBy, time.StoredNow(), cancellationToken);
        audit.Record("maintenancewindow.update", MaintenanceWindowSpec.KindName, spec.Name, before, spec.ToDocument(), managedBy.ToName());
        await SaveAsync(spec.Name, cancellationToken);
    }

    public async Task DeleteAsync(MaintenanceWindow window, string source, CancellationToken cancellationToken)
    {
        audit.Record("maintenancewindow.delete", MaintenanceWindowSpec.KindName, window.Name, Spec(window).ToDocument(), null, source);
        db.MaintenanceWindows.Remove(window);
        await db.SaveChangesAsync(cancellationToken);
        calendar.Invalidate();
    }

    // Ends the occurrence under way now: a one-off window is over, a recurring one carries on
    // with its next occurrence. The definition is untouched, so applying its file again keeps
    // the occurrence ended.
    public async Task<MaintenanceOccurrence> EndAsync(MaintenanceWindow window, string source, CancellationToken cancellationToken)
    {
        var now = time.StoredNow();
        if (Occurrences(window).ActiveAt(now) is not { } active)
        {
            throw new RequestValidationException(
                new ValidationErrors().Add("name", $"maintenance window '{window.Name}' is not under way now: only a running occurrence can be ended."),
                StatusCodes.Status409Conflict, "Nothing to end.");
        }
        window.Cuts = [.. window.Cuts.Where(c => c.OccurrenceStart >= now - KeepCuts), new MaintenanceCut { OccurrenceStart = active.Start, EndedAt = now }];
        window.Revision++;
        window.UpdatedAt = now;
        audit.Record("maintenancewindow.end", MaintenanceWindowSpec.KindName, window.Name,
            new { occurrence = new { start = active.Start, end = active.End } }, new { occurrence = new { start = active.Start, end = now } }, source);
        await SaveAsync(window.Name, cancellationToken);
        return active with { End = now, EndedEarly = true };
    }
}
