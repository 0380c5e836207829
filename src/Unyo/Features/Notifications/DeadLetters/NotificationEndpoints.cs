using Microsoft.AspNetCore.Http.HttpResults;
using Unyo.Client;
using Unyo.Features.Notifications.Outbox;
using Unyo.Hosting;

namespace Unyo.Features.Notifications.DeadLetters;

// `GET /api/v1/notifications` (the outbox, `?status=dead` for the dead-letter list) and
// `POST /api/v1/notifications/{id}/retry` (admins put a dead letter back in line).
public static class NotificationEndpoints
{
    public static async Task<Results<Ok<Page<NotificationResponse>>, ValidationProblem>> List(
        NotificationList list, string? status, string? alert, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var (take, after) = Cursor.Read(cursor, limit, errors);
        (long, Guid)? afterKey = null;
        if (after is not null && (afterKey = NotificationList.ReadCursor(after)) is null)
        {
            errors.Add("cursor", "is not a cursor this server issued.");
        }
        NotificationStatus? wanted = null;
        if (status is not null)
        {
            if (Enum.TryParse<NotificationStatus>(status, ignoreCase: true, out var parsed) && !int.TryParse(status, out _))
            {
                wanted = parsed;
            }
            else
            {
                errors.Add("status", $"'{status}' is not a status: use pending, delivered or dead.");
            }
        }
        long? alertId = null;
        if (alert is not null)
        {
            if (long.TryParse(alert, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
            {
                alertId = id;
            }
            else
            {
                errors.Add("alert", $"'{alert}' is not an alert id.");
            }
        }
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }
        return TypedResults.Ok(await list.ListAsync(wanted, alertId, afterKey, take, cancellationToken));
    }

    public static async Task<Results<Ok<NotificationResponse>, ProblemHttpResult>> Retry(Guid id, NotificationList list, CancellationToken cancellationToken)
    {
        var retried = await list.RetryAsync(id, cancellationToken);
        if (retried is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Notification not found.", detail: $"There is no notification with id '{id}'.");
        }
        var notification = (await list.FindAsync(id, cancellationToken))!;
        return retried.Value
            ? TypedResults.Ok(notification)
            : Problems.Conflict($"Notification {id} is {notification.Status}, not dead: only dead letters are retried.");
    }
}
