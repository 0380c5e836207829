using System.Globalization;
using Unyo.Client;
using Unyo.Hosting;

namespace Unyo.Features.Postmortems;

// A validated action item request; the owner is an email still to be found among the users.
public sealed record ActionItemSpec(string Title, string? OwnerEmail, DateOnly? DueOn, ActionItemPriority Priority, ActionItemStatus Status, string? DeclineReason, string? TicketUrl)
{
    public static ActionItemSpec? Validate(ActionItemRequest request, ValidationErrors errors)
    {
        var title = request.Title?.Trim() ?? "";
        if (title.Length == 0 || title.Length > PostmortemLimits.Title)
        {
            errors.Add("title", $"must be 1 to {PostmortemLimits.Title} characters: what is to be done.");
        }
        DateOnly? due = null;
        if (!string.IsNullOrWhiteSpace(request.Due))
        {
            if (DateOnly.TryParseExact(request.Due.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                due = parsed;
            }
            else
            {
                errors.Add("due", $"'{request.Due}' is not a date; write yyyy-MM-dd.");
            }
        }
        var priority = string.IsNullOrWhiteSpace(request.Priority) ? ActionItemPriority.P3 : PostmortemNames.ParsePriority(request.Priority);
        if (priority is null)
        {
            errors.Add("priority", $"'{request.Priority}' is not a priority; use P1, P2, P3 or P4.");
        }
        var status = string.IsNullOrWhiteSpace(request.Status) ? ActionItemStatus.Open : PostmortemNames.ParseStatus(request.Status);
        if (status is null)
        {
            errors.Add("status", $"'{request.Status}' is not a status; use open, in_progress, done or declined.");
        }
        var reason = string.IsNullOrWhiteSpace(request.DeclineReason) ? null : request.DeclineReason.Trim();
        if (status == ActionItemStatus.Declined && reason is null)
        {
            errors.Add("declineReason", "a declined item needs the reason it was declined.");
        }
        else if (reason is { Length: > PostmortemLimits.Field })
        {
            errors.Add("declineReason", $"must be at most {PostmortemLimits.Field} characters.");
        }
        var ticket = string.IsNullOrWhiteSpace(request.TicketUrl) ? null : request.TicketUrl.Trim();
        if (ticket is not null && (ticket.Length > PostmortemLimits.Url || !Uri.TryCreate(ticket, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")))
        {
            errors.Add("ticketUrl", "must be an absolute http or https URL.");
        }
        // Emails are stored lower-case (UserDirectory); people type them as they like.
        var owner = string.IsNullOrWhiteSpace(request.Owner) ? null : request.Owner.Trim().ToLowerInvariant();
        return errors.IsEmpty ? new ActionItemSpec(title, owner, due, priority!.Value, status!.Value, reason, ticket) : null;
    }
}
