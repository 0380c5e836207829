using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Audit;
using Unyo.Features.Notifications.Channels;
using Unyo.Features.Notifications.Outbox;
using Unyo.Features.OnCall.Personal;
using Unyo.Hosting;

namespace Unyo.Features.Notifications.DeadLetters;

// Reads the outbox for the API and the dead-letter page, and puts dead letters back in line.
public sealed class NotificationList(UnyoDb db, TimeProvider time, NotificationOptions options, NotificationDispatcher dispatcher, AuditLog audit)
{
    // Newest first, keyset-paged on (CreatedAt, Id); `after` is the last row's "ticks:id".
    public async Task<Page<NotificationResponse>> ListAsync(NotificationStatus? status, long? alertId, (long Ticks, Guid Id)? after, int take, CancellationToken cancellationToken)
    {
        IQueryable<Notification> query = db.Notifications.AsNoTracking();
        if (status is { } wanted)
        {
            query = query.Where(n => n.Status == wanted);
        }
        if (alertId is { } alert)
        {
            query = query.Where(n => n.AlertId == alert);
        }
        if (after is { } last)
        {
            var at = new DateTimeOffset(last.Ticks, TimeSpan.Zero);
            query = query.Where(n => n.CreatedAt < at || (n.CreatedAt == at && n.Id.CompareTo(last.Id) < 0));
        }
        var rows = await query.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(take + 1)
            .Select(Row)
            .ToListAsync(cancellationToken);
        var page = rows.Take(take).Select(ToResponse).ToList();
        return new Page<NotificationResponse>(page, rows.Count > take
            ? Cursor.Encode(string.Create(CultureInfo.InvariantCulture, $"{page[^1].CreatedAt.UtcTicks}:{page[^1].Id:N}"))
            : null);
    }

    public static (long Ticks, Guid Id)? ReadCursor(string after)
    {
        var parts = after.Split(':');
        return parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && ticks <= DateTimeOffset.MaxValue.UtcTicks && Guid.TryParseExact(parts[1], "N", out var id)
            ? (ticks, id)
            : null;
    }

    // A dead letter goes back in line: pending, due now, with a fresh retry window (else the next
    // failure would dead-letter it at once) and its attempt count kept, so the record stays whole.
    // Null when there is no such notification; false when it is not dead.
    public async Task<bool?> RetryAsync(Guid id, CancellationToken cancellationToken)
    {
        var notification = await db.Notifications.SingleOrDefaultAsync(n => n.Id == id, cancellationToken);
        if (notification is null)
        {
            return null;
        }
        if (notification.Status != NotificationStatus.Dead)
        {
            return false;
        }
        var now = time.StoredNow();
        var before = new { Status = NotificationStatus.Dead, notification.Attempts, notification.LastError };
        (notification.Status, notification.NextAttemptAt, notification.GiveUpAt, notification.ClaimedBy, notification.ClaimedUntil) =
            (NotificationStatus.Pending, now, now + options.RetryFor, null, null);
        audit.RecordHere("notification.retry", "Notification", notification.Id.ToString(), before, new { notification.Status, notification.Attempts });
        await db.SaveChangesAsync(cancellationToken);
        dispatcher.Wake();
        return true;
    }

    public async Task<NotificationResponse?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        (await db.Notifications.AsNoTracking().Where(n => n.Id == id)
            .Select(Row)
            .ToListAsync(cancellationToken))
        .Select(ToResponse).SingleOrDefault();

    // A personal page names its person and contact method where a channel message names the channel.
    private sealed record ListedRow(Notification Notification, string? Channel, ChannelKind? Kind, string? Team, string? Person, ContactMethodKind? Method, string? Summary);

    private System.Linq.Expressions.Expression<Func<Notification, ListedRow>> Row => n => new ListedRow(
        n, n.Channel!.Name, (ChannelKind?)n.Channel.Kind, n.Channel.Team!.Name, n.User!.Email, (ContactMethodKind?)n.ContactMethod!.Kind,
        db.Alerts.Where(a => a.Id == n.AlertId).Select(a => a.Summary).FirstOrDefault());

    private static NotificationResponse ToResponse(ListedRow row)
    {
        var n = row.Notification;
        var type = row.Kind?.ToName() ?? (row.Method ?? ContactMethodKind.Email).ToString().ToLowerInvariant();
        return new(
            n.Id, row.Channel ?? row.Person ?? "(removed)", type, row.Team ?? "", n.AlertId, row.Summary, n.Event.ToString().ToLowerInvariant(), n.Status.ToString().ToLowerInvariant(),
            n.Attempts, n.CreatedAt, n.NextAttemptAt, n.GiveUpAt, n.DeliveredAt, n.LastStatusCode, n.LastError, row.Person);
    }
}
