using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.OnCall.Analytics;
using Unyo.Hosting;

namespace Unyo.Features.Incidents.Learning;

// `GET /api/v1/incidents/learning?from=&to=&team=&service=&bucket=week|month` and
// `GET /api/v1/incidents/{id}/similar`.
public static class LearningEndpoints
{
    public static readonly IReadOnlyList<string> BucketNames = ["week", "month"];

    public static async Task<Results<Ok<IncidentLearningResponse>, ValidationProblem>> Get(
        string? from, string? to, string? team, string? service, string? bucket,
        ClaimsPrincipal user, UnyoDb db, TimeProvider time, IncidentLearning learning, CancellationToken cancellationToken)
    {
        var (period, errors) = await AnalyticsPeriod.ReadAsync(from, to, team, service, db, time, cancellationToken);
        var bucketName = ReadBucket(bucket, period, errors);
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }
        return TypedResults.Ok(await learning.ComputeAsync(user, period!, bucketName, cancellationToken));
    }

    public static async Task<Results<Ok<IReadOnlyList<IncidentReference>>, ProblemHttpResult>> Similar(
        string id, ClaimsPrincipal user, IncidentLearning learning, CancellationToken cancellationToken)
    {
        var similar = long.TryParse(id, out var incidentId) ? await learning.SimilarToAsync(user, incidentId, cancellationToken) : null;
        return similar is null
            ? TypedResults.Problem($"There is no incident {id} that you may see.", statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Ok(similar);
    }

    // Weeks by default; months when the period is longer than 26 weeks (a year of weeks is unreadable).
    public static string ReadBucket(string? bucket, AnalyticsPeriod? period, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(bucket))
        {
            return period is not null && period.To - period.From > TimeSpan.FromDays(182) ? "month" : "week";
        }
        var name = bucket.Trim().ToLowerInvariant();
        if (!BucketNames.Contains(name))
        {
            errors.Add("bucket", $"'{bucket}' is not one of: {string.Join(", ", BucketNames)}.");
        }
        return name;
    }
}
