using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Hosting;

namespace Unyo.Features.Alerts.Api;

// `GET /api/v1/alerts` and `GET /api/v1/alerts/{id}`: anyone who may read sees every alert, as
// they see every service.
public static class AlertQueryEndpoints
{
    public const int MaxQueryLength = 200;

    // Newest first (ids grow with every alert), keyset-paged on the id.
    public static async Task<Results<Ok<Page<AlertResponse>>, ValidationProblem>> List(
        UnyoDb db, [FromQuery] string[]? status, string? service, string? team, string? urgency, string? severity, string? q,
        string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var (take, after) = Cursor.Read(cursor, limit, errors);
        long? afterId = null;
        if (after is not null)
        {
            if (AlertAccess.ParseId(after, out var parsed))
            {
                afterId = parsed;
            }
            else
            {
                errors.Add("cursor", "is not a cursor this server issued.");
            }
        }
        var statuses = (status ?? []).SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(s => Parse<AlertStatus>("status", s, "triggered, acknowledged or resolved", errors)).OfType<AlertStatus>().Distinct().ToList();
        var wantedUrgency = urgency is null ? null : Parse<AlertUrgency>("urgency", urgency, "high or low", errors);
        var wantedSeverity = severity is null ? null : Parse<AlertSeverity>("severity", severity, "critical, error, warning or info", errors);
        if (q is { Length: > MaxQueryLength })
        {
            errors.Add("q", $"must be at most {MaxQueryLength} characters.");
        }
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }

        IQueryable<Alert> query = db.Alerts.AsNoTracking();
        if (statuses.Count > 0)
        {
            query = query.Where(a => statuses.Contains(a.Status));
        }
        if (!string.IsNullOrEmpty(service))
        {
            query = query.Where(a => a.Service!.Name == service);
        }
        if (!string.IsNullOrEmpty(team))
        {
            query = query.Where(a => a.Service!.Team!.Name == team);
        }
        if (wantedUrgency is { } u)
        {
            query = query.Where(a => a.Urgency == u);
        }
        if (wantedSeverity is { } s)
        {
            query = query.Where(a => a.Severity == s);
        }
        if (!string.IsNullOrWhiteSpace(q))
        {
            // Case-insensitive on both providers (SQLite's LIKE folds only ASCII, PostgreSQL's none).
            var needle = q.Trim().ToLowerInvariant();
            query = query.Where(a => a.Summary.ToLower().Contains(needle));
        }
        if (afterId is { } last)
        {
            query = query.Where(a => a.Id < last);
        }
        var rows = await AlertViews.Rows(db, query.OrderByDescending(a => a.Id).Take(take + 1)).ToListAsync(cancellationToken);
        var page = rows.Take(take).Select(AlertViews.ToResponse).ToList();
        return TypedResults.Ok(new Page<AlertResponse>(page, rows.Count > take ? Cursor.Encode(AlertViews.Label(page[^1].Id)) : null));
    }

    public static async Task<Results<Ok<AlertDetailResponse>, ProblemHttpResult>> Get(string id, UnyoDb db, CancellationToken cancellationToken)
    {
        if (!AlertAccess.ParseId(id, out var alertId)
            || await AlertViews.Rows(db, db.Alerts.AsNoTracking().Where(a => a.Id == alertId)).SingleOrDefaultAsync(cancellationToken) is not { } row)
        {
            return AlertAccess.NotFound(id);
        }
        var timeline = await db.AlertTimeline.AsNoTracking().Where(e => e.AlertId == alertId).OrderBy(e => e.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(new AlertDetailResponse(AlertViews.ToResponse(row), AlertViews.Details(row.Alert.Details), [.. timeline.Select(AlertViews.ToResponse)]));
    }

    // Names only, in any case; numbers are not names even though Enum.TryParse takes them.
    private static T? Parse<T>(string field, string value, string allowed, ValidationErrors errors) where T : struct, Enum
    {
        if (Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && !int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
        {
            return parsed;
        }
        errors.Add(field, $"'{value}' is not one of {allowed}.");
        return null;
    }
}
