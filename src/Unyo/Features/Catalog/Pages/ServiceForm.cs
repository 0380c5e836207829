using Unyo.Client;
using Unyo.Hosting;

namespace Unyo.Features.Catalog.Pages;

// What the service form posts: plain strings, so a refused form comes back exactly as typed.
// Lists are typed as text (tags and dependencies comma-separated, links one per line).
public sealed class ServiceForm
{
    public string? Name { get; set; }
    public string? DisplayName { get; set; }
    public string? Team { get; set; }
    public string? Tier { get; set; } = "3";
    public string? Lifecycle { get; set; } = "production";
    public string? Description { get; set; }
    public string? RunbookUrl { get; set; }
    public string? RepositoryUrl { get; set; }
    public string? Tags { get; set; }
    public string? Links { get; set; }
    public string? DependsOn { get; set; }
    public int Revision { get; set; }

    public static ServiceForm From(ServiceResponse service) => new()
    {
        Name = service.Name,
        DisplayName = service.DisplayName,
        Team = service.Team,
        Tier = service.Tier.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Lifecycle = service.Lifecycle,
        Description = service.Description,
        RunbookUrl = service.RunbookUrl,
        RepositoryUrl = service.RepositoryUrl,
        Tags = string.Join(", ", service.Tags),
        Links = string.Join("\n", service.Links.Select(l => $"{l.Title} | {l.Url}")),
        DependsOn = string.Join(", ", service.DependsOn),
        Revision = service.Revision,
    };

    // Errors found while reading the text (a link line without `|`) are added with the same
    // keys the validator uses, so they show next to the same inputs.
    public ServiceRequest ToRequest(ValidationErrors errors)
    {
        int? tier = null;
        if (!string.IsNullOrWhiteSpace(Tier))
        {
            if (int.TryParse(Tier, out var parsed))
            {
                tier = parsed;
            }
            else
            {
                errors.Add("tier", "must be 1, 2, 3 or 4.");
            }
        }
        return new ServiceRequest
        {
            Name = Name?.Trim(),
            DisplayName = DisplayName,
            Team = Team,
            Tier = tier,
            Lifecycle = Lifecycle,
            Description = Description,
            RunbookUrl = RunbookUrl,
            RepositoryUrl = RepositoryUrl,
            Tags = SplitList(Tags),
            Links = ReadLinks(Links, errors),
            DependsOn = SplitList(DependsOn),
        };
    }

    private static List<string> SplitList(string? text) =>
        [.. (text ?? "").Split([',', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static List<ServiceLink> ReadLinks(string? text, ValidationErrors errors)
    {
        var links = new List<ServiceLink>();
        foreach (var line in (text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var bar = line.IndexOf('|', StringComparison.Ordinal);
            if (bar < 0)
            {
                errors.Add($"links[{links.Count}]", $"'{line}' must be written as: Title | https://url");
                links.Add(new ServiceLink(line, line));
                continue;
            }
            links.Add(new ServiceLink(line[..bar].Trim(), line[(bar + 1)..].Trim()));
        }
        return links;
    }
}
