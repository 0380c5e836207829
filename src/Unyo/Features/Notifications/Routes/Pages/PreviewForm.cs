using Unyo.Client;

namespace Unyo.Features.Notifications.Routes.Pages;

// The preview's sample alert; labels one `name=value` per line.
public sealed class PreviewForm
{
    public string? Service { get; set; }
    public string? Severity { get; set; } = "error";
    public string? Urgency { get; set; } = "high";
    public string? Labels { get; set; }

    public AlertRoutePreviewRequest ToRequest() => new()
    {
        Service = Service?.Trim(),
        Severity = Severity,
        Urgency = Urgency,
        Labels = (Labels ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .GroupBy(parts => parts[0].Trim(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last() is { Length: 2 } pair ? pair[1].Trim().Trim('"') : ""),
    };
}
