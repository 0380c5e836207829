using System.Text.Json.Nodes;
using Unyo.Client;
using Unyo.Features.ConfigAsCode;
using Unyo.Hosting;

namespace Unyo.Features.OnCall.Escalation;

public enum EscalationTargetKind
{
    User,
    Schedule,
    Team,
}

// A target as the API and YAML name it: a user's email, a schedule's or a team's slug.
public sealed record EscalationTargetSpec(EscalationTargetKind Kind, string Name)
{
    public string KindName => Kind.ToString().ToLowerInvariant();

    public EscalationTargetRequest ToRequest() => Kind switch
    {
        EscalationTargetKind.User => new EscalationTargetRequest { User = Name },
        EscalationTargetKind.Schedule => new EscalationTargetRequest { Schedule = Name },
        _ => new EscalationTargetRequest { Team = Name },
    };
}

public sealed record EscalationLevelSpec(TimeSpan EscalateAfter, IReadOnlyList<EscalationTargetSpec> Targets);

// An escalation policy after validation, in canonical form (lower-case emails, sorted services,
// levels and targets in their written order): what plans compare, exports write and audit keeps.
public sealed record EscalationPolicySpec(string Name, string Team, string? Description, int Repeat, IReadOnlyList<string> Services, IReadOnlyList<EscalationLevelSpec> Levels)
{
    public const string KindName = "EscalationPolicy";

    public JsonObject ToDocument()
    {
        var levels = new JsonArray();
        foreach (var level in Levels)
        {
            var targets = new JsonArray();
            foreach (var target in level.Targets)
            {
                targets.Add(new JsonObject { [target.KindName] = target.Name });
            }
            levels.Add(new JsonObject { ["escalateAfter"] = Durations.Format(level.EscalateAfter), ["targets"] = targets });
        }
        var spec = new JsonObject()
            .With("description", Description)
            .With("repeat", Repeat == 0 ? null : Repeat)
            .With("services", Services.Count == 0 ? null : Services.ToList());
        spec["levels"] = levels;
        return ConfigDocuments.Document(KindName, new JsonObject { ["name"] = Name, ["team"] = Team }, spec);
    }
}
