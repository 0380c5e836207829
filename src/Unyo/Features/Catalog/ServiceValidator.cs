using Unyo.Client;
using Unyo.Hosting;

namespace Unyo.Features.Catalog;

// Field rules for a service, shared by the API, the UI form and YAML. Keys are the request's
// field names (`tier`, `links[0].url`); callers that speak another shape rename them.
public static class ServiceValidator
{
    public const int DefaultTier = 3;
    private const int MaxTags = 50;
    private const int MaxLinks = 50;
    private const int MaxDependencies = 200;

    public static ServiceDefinition? Validate(ServiceRequest request, ValidationErrors errors)
    {
        Slugs.Check(request.Name, "name", errors);
        Slugs.Check(request.Team, "team", errors);
        if (request.DisplayName is { Length: > 200 })
        {
            errors.Add("displayName", "must be at most 200 characters.");
        }
        if (request.Tier is < 1 or > 4)
        {
            errors.Add("tier", "must be 1, 2, 3 or 4 (1 is the most critical).");
        }
        var lifecycle = ServiceLifecycle.Production;
        if (request.Lifecycle is not null && !TryParseLifecycle(request.Lifecycle, out lifecycle))
        {
            errors.Add("lifecycle", $"'{request.Lifecycle}' must be one of experimental, production, deprecated.");
        }
        if (request.Description is { Length: > 2000 })
        {
            errors.Add("description", "must be at most 2000 characters.");
        }
        CheckUrl(request.RunbookUrl, "runbookUrl", errors);
        CheckUrl(request.RepositoryUrl, "repositoryUrl", errors);
        var tags = CheckTags(request.Tags, errors);
        CheckLinks(request.Links, errors);
        var dependsOn = CheckDependencies(request.Name, request.DependsOn, errors);
        if (!errors.IsEmpty)
        {
            return null;
        }
        return new ServiceDefinition(
            request.Name!,
            string.IsNullOrWhiteSpace(request.DisplayName) ? request.Name! : request.DisplayName.Trim(),
            request.Team!,
            request.Tier ?? DefaultTier,
            lifecycle,
            Blank(request.Description),
            Blank(request.RunbookUrl),
            Blank(request.RepositoryUrl),
            tags,
            [.. (request.Links ?? []).Select(l => new ServiceLink(l.Title.Trim(), l.Url.Trim()))],
            dependsOn);
    }

    public static bool TryParseLifecycle(string value, out ServiceLifecycle lifecycle) =>
        Enum.TryParse(value, ignoreCase: true, out lifecycle) && Enum.IsDefined(lifecycle) && !int.TryParse(value, out _);

    public static string ToName(this ServiceLifecycle lifecycle) => lifecycle.ToString().ToLowerInvariant();

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static void CheckUrl(string? url, string field, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return;
        }
        if (url.Length > 2048)
        {
            errors.Add(field, "must be at most 2048 characters.");
        }
        else if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add(field, $"'{url}' must be an absolute http or https URL.");
        }
    }

    private static List<string> CheckTags(IReadOnlyList<string>? tags, ValidationErrors errors)
    {
        if (tags is null)
        {
            return [];
        }
        if (tags.Count > MaxTags)
        {
            errors.Add("tags", $"must hold at most {MaxTags} tags.");
        }
        for (var i = 0; i < tags.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(tags[i]) || tags[i].Length > 100 || tags[i].Any(char.IsWhiteSpace))
            {
                errors.Add($"tags[{i}]", "must be 1-100 characters without spaces.");
            }
        }
        return [.. tags.Where(t => !string.IsNullOrWhiteSpace(t)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    private static void CheckLinks(IReadOnlyList<ServiceLink>? links, ValidationErrors errors)
    {
        if (links is null)
        {
            return;
        }
        if (links.Count > MaxLinks)
        {
            errors.Add("links", $"must hold at most {MaxLinks} links.");
        }
        for (var i = 0; i < links.Count; i++)
        {
            if (links[i] is null)
            {
                errors.Add($"links[{i}]", "must be an object with title and url.");
                continue;
            }
            if (string.IsNullOrWhiteSpace(links[i].Title) || links[i].Title.Length > 200)
            {
                errors.Add($"links[{i}].title", "is required, at most 200 characters.");
            }
            if (string.IsNullOrWhiteSpace(links[i].Url))
            {
                errors.Add($"links[{i}].url", "is required.");
            }
            else
            {
                CheckUrl(links[i].Url, $"links[{i}].url", errors);
            }
        }
    }

    private static List<string> CheckDependencies(string? name, IReadOnlyList<string>? dependsOn, ValidationErrors errors)
    {
        if (dependsOn is null)
        {
            return [];
        }
        if (dependsOn.Count > MaxDependencies)
        {
            errors.Add("dependsOn", $"must hold at most {MaxDependencies} services.");
        }
        for (var i = 0; i < dependsOn.Count; i++)
        {
            if (!Slugs.IsValid(dependsOn[i]))
            {
                errors.Add($"dependsOn[{i}]", $"'{dependsOn[i]}' {Slugs.Rule}");
            }
            else if (dependsOn[i] == name)
            {
                errors.Add($"dependsOn[{i}]", "a service cannot depend on itself.");
            }
        }
        return [.. dependsOn.Where(Slugs.IsValid).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }
}
