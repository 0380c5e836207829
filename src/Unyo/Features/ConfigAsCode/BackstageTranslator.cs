using System.Text.Json.Nodes;

namespace Unyo.Features.ConfigAsCode;

// Accepts Backstage `catalog-info.yaml` files as they are: a `Component` becomes a Service and a
// `Group` a Team; other Backstage kinds (System, API, Resource, Location…) are skipped with a
// warning. Fields keep the line they came from, so errors still point into the original file.
public static class BackstageTranslator
{
    private const string BackstageVersion = "backstage.io/v1alpha1";

    public static List<ConfigDocument> Translate(List<ConfigDocument> documents, List<string> warnings) =>
        [.. documents.Select(d => d.ApiVersion?.StartsWith("backstage.io/", StringComparison.Ordinal) == true ? Translate(d, warnings) : d).OfType<ConfigDocument>()];

    private static ConfigDocument? Translate(ConfigDocument document, List<string> warnings)
    {
        if (document.ApiVersion != BackstageVersion)
        {
            warnings.Add($"{document.File} (document {document.Index}): skipped {document.ApiVersion}; only {BackstageVersion} is read.");
            return null;
        }
        var lines = new Dictionary<string, int>(StringComparer.Ordinal) { [""] = document.Line };
        var source = document.Root;
        JsonNode? From(string path)
        {
            if (document.Lines.TryGetValue(path, out var _))
            {
                JsonNode? node = source;
                foreach (var part in path.Split('.'))
                {
                    node = node?[part];
                }
                return node?.DeepClone();
            }
            return null;
        }
        void Copy(JsonObject target, string key, string targetPath, string sourcePath) => Map(target, key, targetPath, sourcePath, From(sourcePath));
        void Map(JsonObject target, string key, string targetPath, string sourcePath, JsonNode? value)
        {
            if (value is null)
            {
                return;
            }
            target[key] = value;
            lines[targetPath] = document.Lines.GetValueOrDefault(sourcePath, document.Line);
        }

        var metadata = new JsonObject();
        var spec = new JsonObject();
        Copy(metadata, "name", "metadata.name", "metadata.name");
        switch (document.Kind)
        {
            case "Component":
                Map(metadata, "team", "metadata.team", "spec.owner", Owner(From("spec.owner")));
                Copy(spec, "displayName", "spec.displayName", "metadata.title");
                Copy(spec, "description", "spec.description", "metadata.description");
                Copy(spec, "lifecycle", "spec.lifecycle", "spec.lifecycle");
                Map(spec, "tags", "spec.tags", "metadata.tags", Tags(From("metadata.tags"), From("spec.system")));
                Map(spec, "links", "spec.links", "metadata.links", Links(From("metadata.links")));
                Map(spec, "dependsOn", "spec.dependsOn", "spec.dependsOn", Dependencies(From("spec.dependsOn"), document, warnings));
                var annotations = source["metadata"]?["annotations"] as JsonObject;
                Map(spec, "tier", "spec.tier", "metadata.annotations", Tier(annotations?["unyo.dev/tier"]));
                Map(spec, "runbookUrl", "spec.runbookUrl", "metadata.annotations", annotations?["unyo.dev/runbook-url"]?.DeepClone());
                Map(spec, "repositoryUrl", "spec.repositoryUrl", "metadata.annotations", Repository(annotations));
                return Document("Service", metadata, spec, document, lines);
            case "Group":
                Copy(spec, "displayName", "spec.displayName", "spec.profile.displayName");
                Copy(spec, "description", "spec.description", "metadata.description");
                return Document("Team", metadata, spec, document, lines);
            default:
                warnings.Add($"{document.File} (document {document.Index}): skipped Backstage {document.Kind} '{document.Name}'; Unyo reads Component and Group.");
                return null;
        }
    }

    private static ConfigDocument Document(string kind, JsonObject metadata, JsonObject spec, ConfigDocument source, Dictionary<string, int> lines) =>
        source with { Root = ConfigDocuments.Document(kind, metadata, spec), Lines = lines };

    // `group:default/payments` and `group:payments` are the team `payments`.
    private static JsonNode? Owner(JsonNode? owner)
    {
        if (owner?.ToString() is not { } text)
        {
            return null;
        }
        if (text.StartsWith("group:", StringComparison.Ordinal))
        {
            text = text["group:".Length..];
        }
        return JsonValue.Create(text.Contains('/') && !text.Contains(':') ? text[(text.IndexOf('/') + 1)..] : text);
    }

    private static JsonNode? Tags(JsonNode? tags, JsonNode? system)
    {
        var result = tags as JsonArray ?? [];
        if (system?.ToString() is { Length: > 0 } name)
        {
            result.Add(JsonValue.Create($"system:{name}"));
        }
        return result.Count == 0 ? null : result;
    }

    private static JsonNode? Links(JsonNode? links) => links is not JsonArray array ? links : new JsonArray(
        [.. array.Select(l => l is JsonObject link
            ? new JsonObject { ["title"] = (link["title"] ?? link["url"])?.DeepClone(), ["url"] = link["url"]?.DeepClone() }
            : l?.DeepClone())]);

    private static JsonNode? Dependencies(JsonNode? dependsOn, ConfigDocument document, List<string> warnings)
    {
        if (dependsOn is not JsonArray array)
        {
            return dependsOn;
        }
        var result = new JsonArray();
        foreach (var reference in array.Select(r => r?.ToString() ?? ""))
        {
            var kind = reference.Contains(':') ? reference[..reference.IndexOf(':')] : "component";
            var name = reference[(reference.IndexOf(':') + 1)..];
            name = name[(name.IndexOf('/') + 1)..];
            if (kind.Equals("component", StringComparison.OrdinalIgnoreCase))
            {
                result.Add(JsonValue.Create(name));
            }
            else
            {
                warnings.Add($"{document.File} (document {document.Index}): dependency '{reference}' of '{document.Name}' skipped; Unyo tracks dependencies between components.");
            }
        }
        return result;
    }

    private static JsonNode? Tier(JsonNode? tier) =>
        tier?.ToString() is { } text && int.TryParse(text, out var value) ? JsonValue.Create(value) : tier?.DeepClone();

    private static JsonNode? Repository(JsonObject? annotations)
    {
        if (annotations?["backstage.io/source-location"]?.ToString() is { } location)
        {
            return JsonValue.Create(location.StartsWith("url:", StringComparison.Ordinal) ? location[4..] : location);
        }
        return annotations?["github.com/project-slug"]?.ToString() is { } slug ? JsonValue.Create($"https://github.com/{slug}") : null;
    }
}
