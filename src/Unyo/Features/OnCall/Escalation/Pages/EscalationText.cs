using Unyo.Client;

namespace Unyo.Features.OnCall.Escalation.Pages;

// How pages say what a policy does.
public static class EscalationText
{
    public static string Summary(EscalationPolicyResponse policy)
    {
        var levels = policy.Levels.Count == 1 ? "1 level" : $"{policy.Levels.Count} levels";
        var waits = string.Join(" → ", policy.Levels.Select(l => l.EscalateAfter));
        return policy.Repeat == 0 ? $"{levels} ({waits})" : $"{levels} ({waits}), repeated {policy.Repeat}×";
    }

    public static string People(EscalationLevelResponse level)
    {
        var people = level.Targets.SelectMany(t => t.OnCallNow).DistinctBy(p => p.Id).Select(p => p.DisplayName).ToList();
        return people.Count == 0 ? "nobody" : string.Join(", ", people);
    }
}
