using System.Text.Json.Nodes;
using Unyo.Features.ConfigAsCode;

namespace Unyo.Features.StatusPages;

public sealed record StatusComponentSpec(string Service, string? DisplayName, string? Group, string? Check);

// A status page after validation, in canonical form (trimmed texts, components in their written
// order): what plans compare, exports write and audit keeps.
public sealed record StatusPageSpec(string Name, string Team, string Title, string? Description, IReadOnlyList<StatusComponentSpec> Components)
{
    public const string KindName = "StatusPage";

    public JsonObject ToDocument()
    {
        var components = new JsonArray();
        foreach (var component in Components)
        {
            components.Add(new JsonObject { ["service"] = component.Service }
                .With("displayName", component.DisplayName)
                .With("group", component.Group)
                .With("check", component.Check));
        }
        var spec = new JsonObject { ["title"] = Title }.With("description", Description);
        spec["components"] = components;
        return ConfigDocuments.Document(KindName, new JsonObject { ["name"] = Name, ["team"] = Team }, spec);
    }

    // Needs the page loaded with its team and its components' services.
    public static StatusPageSpec From(StatusPage page) => new(page.Name, page.Team!.Name, page.Title, page.Description,
        [.. page.Components.OrderBy(c => c.Position).Select(c => new StatusComponentSpec(c.Service!.Name, c.DisplayName, c.Group, c.Check))]);

    public bool Equivalent(StatusPageSpec other) => ToDocument().ToJsonString() == other.ToDocument().ToJsonString();
}
