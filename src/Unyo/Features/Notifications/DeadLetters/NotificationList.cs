using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Audit;
using Unyo.Features.Notifications.Outbox;
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
            .Select(n => new
            {
                Notification = n,
                Channel = n.Channel!.Name,
                n.Channel.Kind,
                Team = n.Channel.Team!.Name,
                Summary = db.Alerts.Where(a => a.Id == n.AlertId).Select(a => a.Summary).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var page = rows.Take(take).Select(r => ToResponse(r.Notification, r.Channel, r.Kind, r.Team, r.Summary)).ToList();
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
            .Select(n => new { Notification = n, Channel = n.Channel!.Name, n.Channel.Kind, Team = n.Channel.Team!.Name, Summary = db.Alerts.Where(a => a.Id == n.AlertId).Select(a => a.Summary).FirstOrDefault() })
            .ToListAsync(cancellationToken))
        .Select(r => ToResponse(r.Notification, r.Channel, r.Kind, r.Team, r.Summary)).SingleOrDefault();

    private static NotificationResponse ToResponse(Notification n, string channel, ChannelKind kind, string team, string? summary) => new(
        n.Id, channel, kind.ToString().ToLowerInvariant(), team, n.AlertId, summary, n.Event.ToString().ToLowerInvariant(), n.Status.ToString().ToLowerInvariant(),
        n.Attempts, n.CreatedAt, n.NextAttemptAt, n.GiveUpAt, n.DeliveredAt, n.LastStatusCode, n.LastError);
}
