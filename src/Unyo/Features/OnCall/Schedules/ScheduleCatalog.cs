using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Audit;
using Unyo.Hosting;

namespace Unyo.Features.OnCall.Schedules;

// Reads and writes schedules and their overrides for the API, the pages and the feeds. Every
// write checks its team and users before it saves, and saves once with its audit record.
public sealed partial class ScheduleCatalog(UnyoDb db, TimeProvider time, AuditLog audit)
{
    // How far ahead responses look for gaps: a warning, not an error.
    public static readonly TimeSpan GapHorizon = TimeSpan.FromDays(14);
    // The longest stretch one shifts call (or one on-call answer's "until") computes.
    public static readonly TimeSpan MaxSpan = TimeSpan.FromDays(93);

    public DateTimeOffset Now => time.GetUtcNow();

    public Task<Schedule?> FindAsync(string name, CancellationToken cancellationToken) =>
        db.Schedules.Include(s => s.Team).SingleOrDefaultAsync(s => s.Name == name, cancellationToken);

    // One page in name order, after the cursor's name.
    public async Task<Page<ScheduleResponse>> ListAsync(string? team, string? after, int take, CancellationToken cancellationToken)
    {
        var rows = await Query(team, after).Take(take + 1).ToListAsync(cancellationToken);
        var page = rows.Take(take).ToList();
        var responses = new List<ScheduleResponse>(page.Count);
        foreach (var schedule in page)
        {
            responses.Add(await ToResponseAsync(schedule, cancellationToken));
        }
        return new Page<ScheduleResponse>(responses, rows.Count > take ? Cursor.Encode(page[^1].Name) : null);
    }

    public Task<List<Schedule>> AllAsync(string? team, CancellationToken cancellationToken) => Query(team, null).ToListAsync(cancellationToken);

    private IQueryable<Schedule> Query(string? team, string? after)
    {
        IQueryable<Schedule> query = db.Schedules.AsNoTracking().Include(s => s.Team);
        if (!string.IsNullOrEmpty(team))
        {
            query = query.Where(s => s.Team!.Name == team);
        }
        if (after is not null)
        {
            query = query.Where(s => string.Compare(s.Name, after) > 0);
        }
        return query.OrderBy(s => s.Name);
    }

    // Needs the schedule loaded with its team (FindAsync does).
    public async Task<ScheduleSpec> SpecAsync(Schedule schedule, CancellationToken cancellationToken)
    {
        var layers = StoredLayer.Read(schedule.Layers);
        var emails = await EmailsAsync(layers.SelectMany(l => l.People), cancellationToken);
        return new ScheduleSpec(schedule.Name, schedule.Team!.Name, schedule.TimeZone, schedule.Description, [.. layers.Select(l => l.ToContract(emails))]);
    }

    public async Task<ScheduleResponse> ToResponseAsync(Schedule schedule, CancellationToken cancellationToken)
    {
        var spec = await SpecAsync(schedule, cancellationToken);
        var now = time.GetUtcNow();
        var final = await FinalAsync(schedule, now, now + GapHorizon, cancellationToken);
        var overrides = await OverridesAsync(schedule, now, DateTimeOffset.MaxValue, cancellationToken);
        return new ScheduleResponse(
            spec.Name, spec.Team, spec.TimeZone, spec.Description, spec.Layers,
            await OnCallAsync(schedule, now, cancellationToken),
            [.. final.Gaps.Select(g => new ScheduleGapResponse(g.Start, g.End))],
            overrides, schedule.ManagedBy.ToName(), schedule.Revision, schedule.CreatedAt, schedule.UpdatedAt);
    }

    public async Task<Dictionary<Guid, string>> EmailsAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToList();
        return await db.Users.Where(u => wanted.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email, cancellationToken);
    }

    public async Task<Dictionary<Guid, OnCallPersonResponse>> PeopleAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToList();
        return await db.Users.Where(u => wanted.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => new OnCallPersonResponse(u.Id, u.Email, u.DisplayName), cancellationToken);
    }

    public static OnCallPersonResponse Person(IReadOnlyDictionary<Guid, OnCallPersonResponse> people, Guid id) =>
        people.TryGetValue(id, out var person) ? person : new OnCallPersonResponse(id, $"removed-user-{id}", "(removed user)");
}
