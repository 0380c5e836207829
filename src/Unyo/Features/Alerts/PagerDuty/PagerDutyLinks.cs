using System.Text.Json;

namespace Unyo.Features.Alerts.PagerDuty;

// The links, images and client link of a PagerDuty event. A link whose text names a runbook
// becomes the alert's runbook, the way teams already send them to PagerDuty.
internal static class PagerDutyLinks
{
    private const int MaxLinks = 50;

    public static (List<AlertLink> Links, string? Runbook) Read(JsonElement root, List<string> errors)
    {
        var links = new List<AlertLink>();
        string? runbook = null;
        if (root.TryGetProperty("links", out var list) && list.ValueKind != JsonValueKind.Null)
        {
            if (list.ValueKind != JsonValueKind.Array)
            {
                errors.Add("'links' must be an array");
            }
            else
            {
                var index = 0;
                foreach (var link in list.EnumerateArray())
                {
                    var href = link.ValueKind == JsonValueKind.Object ? HttpUrl(PagerDutyEventParser.Text(link, "href")) : null;
                    if (href is null)
                    {
                        errors.Add($"'links[{index}].href' must be an http or https URL");
                    }
                    else
                    {
                        var text = PagerDutyEventParser.Text(link, "text");
                        if (runbook is null && text?.Contains("runbook", StringComparison.OrdinalIgnoreCase) == true)
                        {
                            runbook = href;
                        }
                        else
                        {
                            links.Add(new AlertLink(href, text));
                        }
                    }
                    index++;
                }
            }
        }
        if (root.TryGetProperty("images", out var images) && images.ValueKind == JsonValueKind.Array)
        {
            foreach (var image in images.EnumerateArray())
            {
                if (image.ValueKind == JsonValueKind.Object && HttpUrl(PagerDutyEventParser.Text(image, "href") ?? PagerDutyEventParser.Text(image, "src")) is { } href)
                {
                    links.Add(new AlertLink(href, PagerDutyEventParser.Text(image, "alt") ?? "Image"));
                }
            }
        }
        if (HttpUrl(PagerDutyEventParser.Text(root, "client_url")) is { } client)
        {
            links.Add(new AlertLink(client, PagerDutyEventParser.Text(root, "client") ?? "Source"));
        }
        if (links.Count > MaxLinks)
        {
            errors.Add($"at most {MaxLinks} links and images are accepted");
        }
        return (links, runbook);
    }

    public static string? HttpUrl(string? text) =>
        text is { Length: <= 2048 } && Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? text
            : null;
}
