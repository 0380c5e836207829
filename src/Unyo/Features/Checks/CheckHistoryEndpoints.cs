using Microsoft.AspNetCore.Http.HttpResults;
using Unyo.Client;
using Unyo.Features.Audit;
using Unyo.Features.Checks.Probes;
using Unyo.Data;
using Unyo.Hosting;

namespace Unyo.Features.Checks;

// A check's results, minutes and state changes, and the organisation's check settings.
public static class CheckHistoryEndpoints
{
    public const int MaxResults = 1000;
    public static readonly TimeSpan MaxMinuteRange = TimeSpan.FromDays(31);

    public static async Task<Results<Ok<List<CheckResultResponse>>, ValidationProblem, ProblemHttpResult>> Results(
        string name, string? location, int? limit, CheckQueries queries, CheckRoster roster, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxResults)
        {
            return Problems.Validation("limit", $"must be between 1 and {MaxResults}.");
        }
        var plan = await FindAsync(name, roster, cancellationToken);
        return plan is null ? Problems.NotFound("check", name) : TypedResults.Ok(await queries.ResultsAsync(plan.Id, location, limit ?? 50, cancellationToken));
    }

    public static async Task<Results<Ok<List<CheckMinuteResponse>>, ValidationProblem, ProblemHttpResult>> Minutes(
        string name, DateTimeOffset? from, DateTimeOffset? to, CheckQueries queries, CheckRoster roster, TimeProvider time, CancellationToken cancellationToken)
    {
        var end = to ?? time.GetUtcNow();
        var start = from ?? end - TimeSpan.FromHours(24);
        if (start > end)
        {
            return Problems.Validation("from", "must be before to.");
        }
        if (end - start > MaxMinuteRange)
        {
            return Problems.Validation("from", $"the range may span at most {MaxMinuteRange.TotalDays:0} days of minutes.");
        }
        var plan = await FindAsync(name, roster, cancellationToken);
        return plan is null ? Problems.NotFound("check", name) : TypedResults.Ok(await queries.MinutesAsync(plan.Id, start, end, cancellationToken));
    }

    public static async Task<Results<Ok<List<CheckStateChangeResponse>>, ValidationProblem, ProblemHttpResult>> History(
        string name, int? limit, CheckQueries queries, CheckRoster roster, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxResults)
        {
            return Problems.Validation("limit", $"must be between 1 and {MaxResults}.");
        }
        var plan = await FindAsync(name, roster, cancellationToken);
        return plan is null ? Problems.NotFound("check", name) : TypedResults.Ok(await queries.HistoryAsync(plan.Id, limit ?? 100, cancellationToken));
    }

    public static async Task<Ok<CheckSettingsRequest>> GetSettings(UnyoDb db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await CheckTargets.ReadAsync(db, cancellationToken));

    public static async Task<Results<Ok<CheckSettingsRequest>, ValidationProblem>> ReplaceSettings(
        CheckSettingsRequest request, UnyoDb db, AuditLog audit, CheckTargets targets, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var allowed = TargetAllowList.Parse(request.AllowedTargets ?? [], errors);
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }
        return TypedResults.Ok(await targets.WriteAsync(db, audit, allowed, cancellationToken));
    }

    private static async Task<CheckPlan?> FindAsync(string name, CheckRoster roster, CancellationToken cancellationToken) =>
        (await roster.CurrentAsync(cancellationToken)).ById.Values.FirstOrDefault(p => p.Name == name);
}
