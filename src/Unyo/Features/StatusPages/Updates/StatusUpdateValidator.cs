using Unyo.Client;
using Unyo.Features.Incidents;
using Unyo.Hosting;

namespace Unyo.Features.StatusPages.Updates;

public sealed record StatusUpdateSpec(IReadOnlyList<string> Pages, IncidentStatus Status, string Message, string? Title);

// Field rules for a published update. Messages are plain text shown as written; control
// characters (which XML, and so the Atom feed, cannot carry) are refused rather than dropped.
public static class StatusUpdateValidator
{
    public const int MaxPages = 20;

    public static StatusUpdateSpec? Validate(StatusUpdateRequest request, ValidationErrors errors)
    {
        if (request.Pages is not { Count: > 0 })
        {
            errors.Add("pages", "name at least one status page to publish to.");
        }
        else if (request.Pages.Count > MaxPages)
        {
            errors.Add("pages", $"must be at most {MaxPages}.");
        }
        else
        {
            for (var i = 0; i < request.Pages.Count; i++)
            {
                Slugs.Check(request.Pages[i], $"pages[{i}]", errors);
            }
        }
        IncidentStatus status = default;
        if (string.IsNullOrWhiteSpace(request.Status))
        {
            errors.Add("status", "is required: investigating, identified, monitoring or resolved.");
        }
        else if (!Enum.TryParse(request.Status, ignoreCase: true, out status) || !Enum.IsDefined(status) || request.Status.Any(char.IsDigit))
        {
            errors.Add("status", $"'{request.Status}' is not one of investigating, identified, monitoring, resolved.");
        }
        var message = request.Message?.Trim();
        if (string.IsNullOrEmpty(message))
        {
            errors.Add("message", "is required: what users should know, in plain text.");
        }
        else
        {
            Text(message, "message", 5000, errors);
        }
        var title = string.IsNullOrWhiteSpace(request.Title) ? null : request.Title.Trim();
        if (title is not null)
        {
            Text(title, "title", 200, errors);
        }
        return errors.IsEmpty ? new StatusUpdateSpec([.. request.Pages!.Distinct(StringComparer.Ordinal)], status, message!, title) : null;
    }

    private static void Text(string text, string field, int max, ValidationErrors errors)
    {
        if (text.Length > max)
        {
            errors.Add(field, $"must be at most {max} characters.");
        }
        else if (text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
        {
            errors.Add(field, "must not contain control characters.");
        }
    }
}
