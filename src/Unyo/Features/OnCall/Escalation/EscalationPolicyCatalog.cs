using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Audit;
using Unyo.Features.OnCall.Schedules;
using Unyo.Hosting;

namespace Unyo.Features.OnCall.Escalation;

// Reads and writes escalation policies for the API and the pages. Every write checks its team,
// services and targets before it saves, and saves once with its audit record.
public sealed partial class EscalationPolicyCatalog(UnyoDb db, EscalationTargets targets, TimeProvider time, AuditLog audit)
{
    public const string Removed = "(removed)";

    public Task<EscalationPolicy?> FindAsync(string name, CancellationToken cancellationToken) =>
        db.EscalationPolicies.Include(p => p.Team).SingleOrDefaultAsync(p => p.Name == name, cancellationToken);

    public async Task<Page<EscalationPolicyResponse>> ListAsync(string? team, string? after, int take, CancellationToken cancellationToken)
    {
        IQueryable<EscalationPolicy> query = db.EscalationPolicies.AsNoTracking().Include(p => p.Team);
        if (!string.IsNullOrEmpty(team))
        {
            query = query.Where(p => p.Team!.Name == team);
        }
        if (after is not null)
        {
            query = query.Where(p => string.Compare(p.Name, after) > 0);
        }
        var rows = await query.OrderBy(p => p.Name).Take(take + 1).ToListAsync(cancellationToken);
        var page = rows.Take(take).ToList();
        var responses = new List<EscalationPolicyResponse>(page.Count);
        foreach (var policy in page)
        {
            responses.Add(await ToResponseAsync(policy, cancellationToken));
        }
        return new Page<EscalationPolicyResponse>(responses, rows.Count > take ? Cursor.Encode(page[^1].Name) : null);
    }

    // Needs the policy loaded with its team (FindAsync does).
    public async Task<EscalationPolicySpec> SpecAsync(EscalationPolicy policy, CancellationToken cancellationToken)
    {
        var levels = StoredLevel.Read(policy.Levels);
        var names = await NamesAsync(levels.SelectMany(l => l.Targets), cancellationToken);
        var services = await db.ServiceEscalationPolicies.Where(s => s.PolicyId == policy.Id).Select(s => s.Service!.Name).ToListAsync(cancellationToken);
        return new EscalationPolicySpec(policy.Name, policy.Team!.Name, policy.Description, policy.Repeat, [.. services.Order(StringComparer.Ordinal)],
            [.. levels.Select(l => new EscalationLevelSpec(l.EscalateAfter, [.. l.Targets.Select(t => new EscalationTargetSpec(t.Kind, names.GetValueOrDefault(t, Removed)))]))]);
    }

    public async Task<EscalationPolicyResponse> ToResponseAsync(EscalationPolicy policy, CancellationToken cancellationToken)
    {
        var spec = await SpecAsync(policy, cancellationToken);
        var stored = StoredLevel.Read(policy.Levels);
        var now = time.GetUtcNow();
        var levels = new List<EscalationLevelResponse>();
        var warnings = new List<string>();
        for (var i = 0; i < stored.Count; i++)
        {
            var responses = new List<EscalationTargetResponse>();
            for (var j = 0; j < stored[i].Targets.Count; j++)
            {
                var reached = await targets.WhoAsync(stored[i].Targets[j], now, cancellationToken);
                var people = await PeopleAsync(reached.Select(r => r.UserId), cancellationToken);
                responses.Add(new EscalationTargetResponse(spec.Levels[i].Targets[j].KindName, spec.Levels[i].Targets[j].Name, people));
            }
            if (responses.All(r => r.OnCallNow.Count == 0))
            {
                warnings.Add($"level {i + 1} reaches nobody now: an alert would pass straight on to the next level.");
            }
            levels.Add(new EscalationLevelResponse(Durations.Format(stored[i].EscalateAfter), responses));
        }
        return new EscalationPolicyResponse(spec.Name, spec.Team, spec.Description, spec.Repeat, spec.Services, levels, warnings,
            policy.ManagedBy.ToName(), policy.Revision, policy.CreatedAt, policy.UpdatedAt);
    }

    private async Task<List<OnCallPersonResponse>> PeopleAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.ToList();
        var people = await db.Users.Where(u => wanted.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => new OnCallPersonResponse(u.Id, u.Email, u.DisplayName), cancellationToken);
        return [.. wanted.Select(id => ScheduleCatalog.Person(people, id))];
    }

    // The names the API shows for stored targets; a target whose object is gone is missing.
    public async Task<Dictionary<StoredTarget, string>> NamesAsync(IEnumerable<StoredTarget> stored, CancellationToken cancellationToken)
    {
        var all = stored.Distinct().ToList();
        var ids = all.Select(t => t.Id).ToList();
        var users = await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email, cancellationToken);
        var schedules = await db.Schedules.Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var teams = await db.Teams.Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
        var names = new Dictionary<StoredTarget, string>();
        foreach (var target in all)
        {
            var map = target.Kind switch { EscalationTargetKind.User => users, EscalationTargetKind.Schedule => schedules, _ => teams };
            if (map.TryGetValue(target.Id, out var name))
            {
                names[target] = name;
            }
        }
        return names;
    }
}
