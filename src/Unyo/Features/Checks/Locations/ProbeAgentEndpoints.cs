using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Checks.Probes;
using Unyo.Hosting;

namespace Unyo.Features.Checks.Locations;

// What probe agents call, with their location's token as the bearer (ProbeTokenAuthenticationHandler):
// their assignments, and batches of results, which join the same queue as the server's own.
public static class ProbeAgentEndpoints
{
    public const int MaxResults = 5_000;
    public const int MaxDetails = 20;
    public static readonly TimeSpan LateHorizon = TimeSpan.FromHours(2);
    public static readonly TimeSpan FutureSkew = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan SeenEvery = TimeSpan.FromSeconds(30);

    public static async Task<Results<Ok<ProbeAssignmentsResponse>, ProblemHttpResult>> Assignments(
        HttpRequest request, ClaimsPrincipal user, UnyoDb db, CheckRoster roster, CheckTargets targets, TimeProvider time, CancellationToken cancellationToken)
    {
        var location = await LocationAsync(user, db, cancellationToken);
        if (location is null)
        {
            return Unauthorized();
        }
        var now = time.StoredNow();
        if (location.LastSeenAt is not { } seen || now - seen > SeenEvery)
        {
            var agent = request.Headers.UserAgent.ToString();
            await db.ProbeLocations.Where(l => l.Id == location.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.LastSeenAt, now).SetProperty(l => l.LastSeenAgent, agent.Length > 200 ? agent[..200] : agent), cancellationToken);
        }
        var plans = (await roster.CurrentAsync(cancellationToken)).ById.Values.Where(p => p.RunsAt(location.Name)).OrderBy(p => p.Name, StringComparer.Ordinal);
        var allowed = await targets.AllowListAsync(cancellationToken);
        return TypedResults.Ok(new ProbeAssignmentsResponse(location.Name, allowed.Entries, [.. plans.Select(p => new ProbeAssignment(p.Id, p.Revision, p.Definition.ToRequest()))]));
    }

    public static async Task<Results<Accepted<ProbeResultsResponse>, ValidationProblem, ProblemHttpResult>> Results(
        ProbeResultsRequest body, HttpRequest request, ClaimsPrincipal user, UnyoDb db, CheckRoster roster, CheckResultQueue queue, TimeProvider time, CancellationToken cancellationToken)
    {
        var location = await LocationAsync(user, db, cancellationToken);
        if (location is null)
        {
            return Unauthorized();
        }
        var errors = new ValidationErrors();
        var items = body.Results ?? [];
        if (items.Length > MaxResults)
        {
            return Problems.Validation("results", $"at most {MaxResults} results per batch; send the rest in another.");
        }
        var plans = (await roster.CurrentAsync(cancellationToken)).ById;
        var now = time.GetUtcNow();
        var records = new List<CheckResultRecord>(items.Length);
        var ignored = 0;
        for (var i = 0; i < items.Length && errors.All.Count() < 20; i++)
        {
            var item = items[i];
            var record = Read(item, $"results[{i}]", now, location.Name, errors);
            if (record is null)
            {
                continue;
            }
            if (!plans.TryGetValue(item.Check, out var plan) || !plan.RunsAt(location.Name))
            {
                ignored++;
                continue;
            }
            records.Add(record);
        }
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors, "The batch was refused; nothing of it was kept.");
        }
        if (!queue.TryAddAll(records))
        {
            request.HttpContext.Response.Headers.RetryAfter = "5";
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many results queued.", detail: "The server's result queue is full; send this batch again in 5 s.");
        }
        return TypedResults.Accepted((string?)null, new ProbeResultsResponse(records.Count, ignored));
    }

    private static CheckResultRecord? Read(ProbeResultItem item, string field, DateTimeOffset now, string location, ValidationErrors errors)
    {
        var valid = true;
        void Fail(string name, string message)
        {
            errors.Add($"{field}.{name}", message);
            valid = false;
        }
        if (!Enum.TryParse<ProbeOutcome>(item.Outcome, ignoreCase: true, out var outcome) || !Enum.IsDefined(outcome) || int.TryParse(item.Outcome, out _))
        {
            Fail("outcome", $"'{item.Outcome}' must be up, degraded or down.");
        }
        if (item.LatencyMs is < 0 or > 600_000)
        {
            Fail("latencyMs", "must be between 0 and 600000.");
        }
        if (item.Attempts is < 1 or > CheckValidator.MaxRetries + 1)
        {
            Fail("attempts", $"must be between 1 and {CheckValidator.MaxRetries + 1}.");
        }
        if (item.At > now + FutureSkew)
        {
            Fail("at", "is in the future: check the agent's clock.");
        }
        else if (item.At < now - LateHorizon)
        {
            Fail("at", $"is more than {LateHorizon.TotalHours:0} hours old; results that late are not kept.");
        }
        if (item.Details is { Count: > MaxDetails } || item.Details?.Any(d => d.Key.Length > 100 || d.Value is null || d.Value.Length > 1000) == true)
        {
            Fail("details", $"at most {MaxDetails} entries, names up to 100 and values up to 1000 characters.");
        }
        if (!valid)
        {
            return null;
        }
        var reason = item.Reason is { Length: > 1000 } ? item.Reason[..1000] : item.Reason;
        return new CheckResultRecord(item.Check, location, item.At.ToUniversalTime(), new ProbeResult(outcome, item.LatencyMs, reason, item.Details, item.Attempts));
    }

    // The endpoints' policy admits only the probe scheme, whose ticket names the location; it is
    // read again for the fields the answer needs (a location deleted meanwhile answers 401).
    private static async Task<ProbeLocation?> LocationAsync(ClaimsPrincipal user, UnyoDb db, CancellationToken cancellationToken) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
            ? await db.ProbeLocations.AsNoTracking().SingleOrDefaultAsync(l => l.Id == id, cancellationToken)
            : null;

    private static ProblemHttpResult Unauthorized() => TypedResults.Problem(
        statusCode: StatusCodes.Status401Unauthorized,
        title: "Not a probe location's token.",
        detail: "Give the location's agent token as 'Authorization: Bearer unyo_probe_…' (an admin creates it with POST /api/v1/probe-locations, or rotates it).");
}
