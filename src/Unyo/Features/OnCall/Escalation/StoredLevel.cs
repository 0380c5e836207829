using System.Text.Json;
using System.Text.Json.Serialization;

namespace Unyo.Features.OnCall.Escalation;

// A target as EscalationPolicy.Levels keeps it: by id, so renaming a user, schedule or team
// keeps the policy pointing at it.
public sealed record StoredTarget(EscalationTargetKind Kind, Guid Id);

// A level as EscalationPolicy.Levels keeps it. Only validated specs are stored.
public sealed record StoredLevel(int EscalateAfterSeconds, IReadOnlyList<StoredTarget> Targets)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) } };

    public TimeSpan EscalateAfter => TimeSpan.FromSeconds(EscalateAfterSeconds);

    public static string Serialize(IEnumerable<StoredLevel> levels) => JsonSerializer.Serialize(levels.ToList(), Json);

    public static List<StoredLevel> Read(string json) => JsonSerializer.Deserialize<List<StoredLevel>>(json, Json) ?? [];
}
