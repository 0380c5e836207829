using System.Text.Json.Nodes;
using Unyo.Features.ConfigAsCode;
using Unyo.Hosting;

namespace Unyo.Features.Accounts;

// A team as the API, the UI and YAML describe it; one validator serves all three.
public sealed record TeamDefinition(string Name, string DisplayName, string? Description)
{
    public static TeamDefinition? Validate(string? name, string? displayName, string? description, ValidationErrors errors)
    {
        Slugs.Check(name, "name", errors);
        if (displayName is { Length: > 200 })
        {
            errors.Add("displayName", "must be at most 200 characters.");
        }
        if (description is { Length: > 2000 })
        {
            errors.Add("description", "must be at most 2000 characters.");
        }
        return errors.IsEmpty
            ? new TeamDefinition(name!, string.IsNullOrWhiteSpace(displayName) ? name! : displayName.Trim(), string.IsNullOrWhiteSpace(description) ? null : description.Trim())
            : null;
    }

    // The canonical YAML document: plans diff it, exports write it, audit records keep it.
    public JsonObject ToDocument() => ConfigDocuments.Document("Team",
        new JsonObject { ["name"] = Name },
        new JsonObject().With("displayName", DisplayName).With("description", Description));

    public static TeamDefinition From(Team team) => new(team.Name, team.DisplayName, team.Description);

    public void CopyTo(Team team)
    {
        team.Name = Name;
        team.DisplayName = DisplayName;
        team.Description = Description;
    }
}
