using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Telemetry;
using Unyo.Hosting;

namespace Unyo.Features.Slos;

// How an SLO stands and which of its conditions fire; reads only.
public static class SloStatusEndpoints
{
    // Evaluating further ahead than this is guessing; clocks of callers drift a little.
    public static readonly TimeSpan FutureSkew = TimeSpan.FromMinutes(5);

    public static IEndpointRouteBuilder MapSloStatus(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("SLOs").RequireAuthorization(Policies.Read);
        api.MapGet("/slos/{name}/status", Status);
        api.MapGet("/slos/{name}/alerts", Alerts);
        api.MapGet("/slo-alerts", Firing);
        return app;
    }

    public static async Task<Results<Ok<SloStatusResponse>, ValidationProblem, ProblemHttpResult>> Status(
        string name, string? at, UnyoDb db, SloEvaluator evaluator, SliSourceHealth health, SliRetention retention, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var instant = now;
        if (at is not null)
        {
            if (!DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out instant) || !at.Contains('T', StringComparison.OrdinalIgnoreCase))
            {
                return Problems.Validation("at", $"'{at}' is not an RFC 3339 instant such as 2026-11-24T10:00:00Z.");
            }
            if (instant > now + FutureSkew)
            {
                return Problems.Validation("at", "is in the future: an SLO can be evaluated up to now.");
            }
            if (instant < now - retention.Keep)
            {
                return Problems.Validation("at", $"is before {Display(now - retention.Keep)}: minute data older than {retention.Keep.TotalDays:0} days is no longer kept.");
            }
        }
        var slo = await db.Slos.AsNoTracking().Include(s => s.Sli).SingleOrDefaultAsync(s => s.Name == name, cancellationToken);
        if (slo is null)
        {
            return Problems.NotFound("SLO", name);
        }
        var evaluation = await evaluator.EvaluateAsync(slo, instant, cancellationToken);
        var open = await db.BurnAlerts.AsNoTracking().Where(a => a.SloId == slo.Id && a.ResolvedAt == null).OrderBy(a => a.FiredAt).ToListAsync(cancellationToken);
        var source = await health.GetAsync(slo.SliId, cancellationToken);
        return TypedResults.Ok(SloStatusMapping.ToResponse(slo, evaluation, open, slo.Sli!.Source, source));
    }

    // The SLO's alert history, newest first; the cursor is the last id seen.
    public static async Task<Results<Ok<Page<BurnAlertResponse>>, ValidationProblem, ProblemHttpResult>> Alerts(
        string name, string? cursor, int? limit, UnyoDb db, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var (take, after) = Cursor.Read(cursor, limit, errors);
        long? before = null;
        if (after is not null)
        {
            if (long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                before = id;
            }
            else
            {
                errors.Add("cursor", "is not a cursor this endpoint gave out.");
            }
        }
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }
        var slo = await db.Slos.AsNoTracking().Select(s => new { s.Id, s.Name }).SingleOrDefaultAsync(s => s.Name == name, cancellationToken);
        if (slo is null)
        {
            return Problems.NotFound("SLO", name);
        }
        var query = db.BurnAlerts.AsNoTracking().Where(a => a.SloId == slo.Id);
        if (before is { } last)
        {
            query = query.Where(a => a.Id < last);
        }
        var alerts = await query.OrderByDescending(a => a.Id).Take(take + 1).ToListAsync(cancellationToken);
        var page = alerts.Take(take).ToList();
        return TypedResults.Ok(new Page<BurnAlertResponse>(
            [.. page.Select(a => SloStatusMapping.ToResponse(a, slo.Name))],
            alerts.Count > take ? Cursor.Encode(page[^1].Id.ToString(CultureInfo.InvariantCulture)) : null));
    }

    // Every burn alert open now, across SLOs: what the alerting features pick up.
    public static async Task<Ok<List<BurnAlertResponse>>> Firing(UnyoDb db, CancellationToken cancellationToken)
    {
        var open = await db.BurnAlerts.AsNoTracking().Where(a => a.ResolvedAt == null)
            .Select(a => new { Alert = a, Slo = a.Slo!.Name }).ToListAsync(cancellationToken);
        return TypedResults.Ok(open.OrderBy(a => a.Alert.FiredAt).ThenBy(a => a.Alert.Id).Select(a => SloStatusMapping.ToResponse(a.Alert, a.Slo)).ToList());
    }

    private static string Display(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture);
}
