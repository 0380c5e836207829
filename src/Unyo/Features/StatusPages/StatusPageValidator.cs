using Unyo.Client;
using Unyo.Hosting;

namespace Unyo.Features.StatusPages;

// Field rules for a status page, shared by the API and YAML. Whether the team, services and
// checks exist is checked where the state is known (StatusPageCatalog, StatusPageKind).
public static class StatusPageValidator
{
    public const int MaxComponents = 100;

    public static StatusPageSpec? Validate(StatusPageRequest request, ValidationErrors errors)
    {
        Slugs.Check(request.Name, "name", errors);
        Slugs.Check(request.Team, "team", errors);
        var title = request.Title?.Trim();
        if (string.IsNullOrEmpty(title))
        {
            errors.Add("title", "is required: the heading people see, such as Acme status.");
        }
        else if (title.Length > 200)
        {
            errors.Add("title", "must be at most 200 characters.");
        }
        var description = string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim();
        if (description is { Length: > 2000 })
        {
            errors.Add("description", "must be at most 2000 characters.");
        }
        var components = new List<StatusComponentSpec>();
        if (request.Components is not { Count: > 0 })
        {
            errors.Add("components", "give at least one component: a service the page shows.");
        }
        else if (request.Components.Count > MaxComponents)
        {
            errors.Add("components", $"must be at most {MaxComponents}.");
        }
        else
        {
            var seen = new HashSet<(string, string?)>();
            for (var i = 0; i < request.Components.Count; i++)
            {
                var component = request.Components[i];
                var path = $"components[{i}]";
                if (component is null)
                {
                    errors.Add(path, "must be an object with a service.");
                    continue;
                }
                Slugs.Check(component.Service, $"{path}.service", errors);
                if (component.Check is not null)
                {
                    Slugs.Check(component.Check, $"{path}.check", errors);
                }
                var displayName = Text(component.DisplayName, $"{path}.displayName", errors);
                var group = Text(component.Group, $"{path}.group", errors);
                if (component.Service is not null && !seen.Add((component.Service, component.Check)))
                {
                    errors.Add($"{path}.service", $"service '{component.Service}' is already a component{(component.Check is null ? "" : $" with check '{component.Check}'")}.");
                }
                components.Add(new StatusComponentSpec(component.Service ?? "", displayName, group, component.Check));
            }
        }
        return errors.IsEmpty ? new StatusPageSpec(request.Name!, request.Team!, title!, description, components) : null;
    }

    private static string? Text(string? value, string field, ValidationErrors errors)
    {
        var text = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        if (text is { Length: > 100 })
        {
            errors.Add(field, "must be at most 100 characters.");
        }
        return text;
    }
}
