using System.Globalization;
using System.Text.Json.Nodes;
using Unyo.Features.Alerts.Matching;
using Unyo.Features.ConfigAsCode;

namespace Unyo.Features.Alerts.Silences;

// A silence as the API and YAML describe it, after validation: what plans compare, exports
// write and audit records keep. Matchers keep their written order.
public sealed record SilenceSpec(
    string Name,
    string? Team,
    IReadOnlyList<LabelMatcher> Matchers,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string Comment)
{
    public const string KindName = "Silence";

    public static SilenceSpec From(Silence silence, string? team) => new(
        silence.Name, team, [.. silence.Matchers.Select(LabelMatchers.FromStored)], silence.StartsAt, silence.EndsAt, silence.Comment);

    public IReadOnlyList<string> MatcherTexts => [.. Matchers.Select(m => m.ToString())];

    public JsonObject ToDocument()
    {
        var metadata = new JsonObject { ["name"] = Name };
        if (Team is not null)
        {
            metadata["team"] = Team;
        }
        var spec = new JsonObject()
            .With("matchers", MatcherTexts)
            .With("startsAt", Text(StartsAt))
            .With("endsAt", Text(EndsAt))
            .With("comment", Comment);
        return ConfigDocuments.Document(KindName, metadata, spec);
    }

    public void CopyTo(Silence silence)
    {
        silence.Name = Name;
        silence.Matchers = [.. MatcherTexts];
        silence.StartsAt = StartsAt;
        silence.EndsAt = EndsAt;
        silence.Comment = Comment;
    }

    public static string Text(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
