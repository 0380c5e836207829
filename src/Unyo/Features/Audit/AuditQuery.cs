using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Hosting;

namespace Unyo.Features.Audit;

// Filters of the audit log; null means "any". Newest first, paged by id.
public sealed record AuditFilter(string? Actor, string? Kind, string? Name, string? Action, DateTimeOffset? From, DateTimeOffset? To);

public sealed class AuditQuery(UnyoDb db)
{
    // Cursors carry the id of the last record shown; no cursor means "from the newest".
    public static bool TryReadCursor(string? cursor, out long? before)
    {
        before = null;
        if (!Cursor.TryDecode(cursor, out var text))
        {
            return false;
        }
        if (text is null)
        {
            return true;
        }
        if (!long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            return false;
        }
        before = id;
        return true;
    }

    public async Task<Page<AuditRecordResponse>> ListAsync(AuditFilter filter, long? before, int take, CancellationToken cancellationToken)
    {
        IQueryable<AuditRecord> query = db.AuditRecords.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            var actor = filter.Actor.Trim().ToLowerInvariant();
            query = query.Where(r => r.ActorEmail == actor);
        }
        if (!string.IsNullOrWhiteSpace(filter.Kind))
        {
            query = query.Where(r => r.ObjectKind == filter.Kind);
        }
        if (!string.IsNullOrWhiteSpace(filter.Name))
        {
            query = query.Where(r => r.ObjectName == filter.Name);
        }
        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            // "service" matches service.create, service.update, …; "service.update" only itself.
            var action = filter.Action.Trim();
            query = action.Contains('.') ? query.Where(r => r.Action == action) : query.Where(r => r.Action.StartsWith(action + "."));
        }
        if (filter.From is { } from)
        {
            query = query.Where(r => r.At >= from);
        }
        if (filter.To is { } to)
        {
            query = query.Where(r => r.At < to);
        }
        if (before is { } id)
        {
            query = query.Where(r => r.Id < id);
        }
        var rows = await query.OrderByDescending(r => r.Id).Take(take + 1).ToListAsync(cancellationToken);
        var page = rows.Take(take).Select(r => new AuditRecordResponse(
            r.Id, r.At, r.ActorEmail, r.Credential, r.Ip, r.Action, r.ObjectKind, r.ObjectName, r.Source, r.Before, r.After)).ToList();
        return new Page<AuditRecordResponse>(page, rows.Count > take ? Cursor.Encode(page[^1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture)) : null);
    }
}
