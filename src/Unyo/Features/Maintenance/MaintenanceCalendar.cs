using Microsoft.EntityFrameworkCore;
using Unyo.Data;

namespace Unyo.Features.Maintenance;

// The maintenance windows as a timetable, cached per node: windows are few and read often (every
// SLO cycle, every check result). Every Recheck the ids and revisions of all windows are read,
// and the windows again only when one was added, changed, ended early or deleted; a change made on
// this node is seen at once (Invalidate), one made on another node within Recheck.
public sealed class MaintenanceCalendar(IServiceScopeFactory scopes, TimeProvider time, ILogger<MaintenanceCalendar> logger)
{
    public static readonly TimeSpan Recheck = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile State? _state;
    private int _generation;

    public async ValueTask<MaintenanceTimetable> CurrentAsync(CancellationToken cancellationToken)
    {
        if (Fresh(_state) is { } current)
        {
            return current.Timetable;
        }
        await _loading.WaitAsync(cancellationToken);
        try
        {
            var state = _state;
            if (Fresh(state) is { } loaded)
            {
                return loaded.Timetable;
            }
            var generation = Volatile.Read(ref _generation);
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<UnyoDb>();
            var versions = (await db.MaintenanceWindows.AsNoTracking().Select(w => new { w.Id, w.Revision }).ToListAsync(cancellationToken))
                .ToDictionary(v => v.Id, v => v.Revision);
            var timetable = state is not null && Same(state.Versions, versions) ? state.Timetable : await LoadAsync(db, cancellationToken);
            // A change on this node during the read may be missing from it: check again next time.
            var checkedAt = generation == Volatile.Read(ref _generation) ? time.GetUtcNow() : DateTimeOffset.MinValue;
            _state = new State(timetable, versions, checkedAt);
            return timetable;
        }
        finally
        {
            _loading.Release();
        }
    }

    // The next read checks the database again (for whoever changes windows on this node).
    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        if (_state is { } state)
        {
            _state = state with { CheckedAt = DateTimeOffset.MinValue };
        }
    }

    private State? Fresh(State? state) => state is not null && time.GetUtcNow() - state.CheckedAt < Recheck ? state : null;

    private static bool Same(IReadOnlyDictionary<Guid, int> known, Dictionary<Guid, int> now) =>
        known.Count == now.Count && now.All(v => known.TryGetValue(v.Key, out var revision) && revision == v.Value);

    private async Task<MaintenanceTimetable> LoadAsync(UnyoDb db, CancellationToken cancellationToken)
    {
        var windows = await db.MaintenanceWindows.AsNoTracking()
            .Select(w => new { Window = w, Team = w.Team!.Name, Services = w.Services.Select(s => s.ServiceId).ToList() })
            .AsSplitQuery().ToListAsync(cancellationToken);
        var entries = new List<(Guid, string, IReadOnlyCollection<Guid>, IReadOnlyCollection<string>, WindowOccurrences)>();
        foreach (var row in windows)
        {
            var window = row.Window;
            try
            {
                var occurrences = new WindowOccurrences(window.Name, window.Title, window.SuppressAlerts, MaintenanceWindowSpec.ScheduleOf(window),
                    window.Cuts.Select(c => (c.OccurrenceStart, c.EndedAt)));
                entries.Add((window.Id, row.Team, row.Services, window.Checks, occurrences));
            }
            catch (Exception exception) when (exception is TimeZoneNotFoundException or InvalidTimeZoneException or FormatException)
            {
                // Stored by a host that knew its time zone; this one cannot expand it.
                logger.LogError(exception, "Maintenance window {Window} cannot be expanded on this host; it is left out", window.Name);
            }
        }
        return new MaintenanceTimetable(entries);
    }

    private sealed record State(MaintenanceTimetable Timetable, IReadOnlyDictionary<Guid, int> Versions, DateTimeOffset CheckedAt);
}
