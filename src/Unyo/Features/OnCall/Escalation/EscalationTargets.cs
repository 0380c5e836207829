using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.OnCall.Schedules;

namespace Unyo.Features.OnCall.Escalation;

// Who a level's targets reach at an instant: a user is themself (unless disabled or removed), a
// schedule is whoever its final schedule has on call then, a team is whoever is on call in any of
// its schedules. Each person once per level, with the first reason found. Answers are kept for
// the life of the scope: the escalation worker fires a batch of steps in one scope, and a hundred
// alerts paging one schedule need its final schedule once.
public sealed class EscalationTargets(UnyoDb db, ScheduleCatalog schedules)
{
    private readonly Dictionary<StoredTarget, List<Reached>> _answers = [];

    public sealed record Reached(Guid UserId, string Via);

    public async Task<List<Reached>> WhoAsync(IEnumerable<StoredTarget> targets, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var reached = new List<Reached>();
        foreach (var target in targets)
        {
            foreach (var person in await WhoAsync(target, at, cancellationToken))
            {
                if (!reached.Exists(r => r.UserId == person.UserId))
                {
                    reached.Add(person);
                }
            }
        }
        return reached;
    }

    public async Task<List<Reached>> WhoAsync(StoredTarget target, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (!_answers.TryGetValue(target, out var answer))
        {
            _answers[target] = answer = await LookUpAsync(target, at, cancellationToken);
        }
        return answer;
    }

    private async Task<List<Reached>> LookUpAsync(StoredTarget target, DateTimeOffset at, CancellationToken cancellationToken)
    {
        switch (target.Kind)
        {
            case EscalationTargetKind.User:
                var enabled = await db.Users.AnyAsync(u => u.Id == target.Id && !u.Disabled, cancellationToken);
                return enabled ? [new Reached(target.Id, "user")] : [];
            case EscalationTargetKind.Schedule:
                var schedule = await db.Schedules.AsNoTracking().SingleOrDefaultAsync(s => s.Id == target.Id, cancellationToken);
                return schedule is null ? [] : await OnCallAsync([schedule], $"schedule {schedule.Name}", at, cancellationToken);
            default:
                var team = await db.Teams.AsNoTracking().Where(t => t.Id == target.Id).Select(t => t.Name).SingleOrDefaultAsync(cancellationToken);
                var owned = await db.Schedules.AsNoTracking().Where(s => s.TeamId == target.Id).OrderBy(s => s.Name).ToListAsync(cancellationToken);
                return team is null ? [] : await OnCallAsync(owned, $"team {team}", at, cancellationToken);
        }
    }

    private async Task<List<Reached>> OnCallAsync(IEnumerable<Schedule> owned, string via, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var people = new List<Guid>();
        foreach (var schedule in owned)
        {
            var final = await schedules.FinalAsync(schedule, at, at + TimeSpan.FromMinutes(1), cancellationToken);
            if (final.At(at) is { } shift && !people.Contains(shift.UserId))
            {
                people.Add(shift.UserId);
            }
        }
        // A removed or disabled user left in a rotation reaches nobody: the level is empty then.
        var enabled = await db.Users.Where(u => people.Contains(u.Id) && !u.Disabled).Select(u => u.Id).ToListAsync(cancellationToken);
        return [.. people.Where(enabled.Contains).Select(id => new Reached(id, via))];
    }
}
