using System.Text.Json.Nodes;
using Unyo.Client;
using Unyo.Features.ConfigAsCode;

namespace Unyo.Features.Catalog;

// A service as the API, the UI and YAML describe it, after validation and defaults: the
// canonical form that plans compare and exports write.
public sealed record ServiceDefinition(
    string Name,
    string DisplayName,
    string Team,
    int Tier,
    ServiceLifecycle Lifecycle,
    string? Description,
    string? RunbookUrl,
    string? RepositoryUrl,
    IReadOnlyList<string> Tags,
    IReadOnlyList<ServiceLink> Links,
    IReadOnlyList<string> DependsOn)
{
    public static ServiceDefinition From(Service service, string team, IEnumerable<string> dependsOn) => new(
        service.Name,
        service.DisplayName,
        team,
        service.Tier,
        service.Lifecycle,
        service.Description,
        service.RunbookUrl,
        service.RepositoryUrl,
        service.Tags.Order(StringComparer.Ordinal).ToList(),
        service.Links.Select(l => new ServiceLink(l.Title, l.Url)).ToList(),
        dependsOn.Order(StringComparer.Ordinal).ToList());

    // The canonical YAML document: plans diff it, exports write it, audit records keep it.
    public JsonObject ToDocument() => ConfigDocuments.Document("Service",
        new JsonObject { ["name"] = Name, ["team"] = Team },
        new JsonObject()
            .With("displayName", DisplayName)
            .With("tier", Tier)
            .With("lifecycle", Lifecycle.ToName())
            .With("description", Description)
            .With("runbookUrl", RunbookUrl)
            .With("repositoryUrl", RepositoryUrl)
            .With("tags", Tags)
            .With("links", Links)
            .With("dependsOn", DependsOn));

    // Copies everything but the owning team and the dependency edges, which need ids.
    public void CopyTo(Service service)
    {
        service.Name = Name;
        service.DisplayName = DisplayName;
        service.Tier = Tier;
        service.Lifecycle = Lifecycle;
        service.Description = Description;
        service.RunbookUrl = RunbookUrl;
        service.RepositoryUrl = RepositoryUrl;
        service.Tags = [.. Tags];
        service.Links = [.. Links.Select(l => new ServiceLinkValue { Title = l.Title, Url = l.Url })];
    }
}
