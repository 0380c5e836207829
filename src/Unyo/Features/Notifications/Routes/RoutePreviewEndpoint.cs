using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Alerts;
using Unyo.Features.Alerts.Matching;
using Unyo.Hosting;

namespace Unyo.Features.Notifications.Routes;

// `POST /api/v1/alert-routes/preview`: routes a sample alert against the routes and channels
// stored now (read fresh, not this node's cache), so a change just applied anywhere shows.
public static class RoutePreviewEndpoint
{
    public const int MaxLabels = 64;

    public static async Task<Results<Ok<AlertRoutePreviewResponse>, ValidationProblem>> Preview(
        AlertRoutePreviewRequest request, UnyoDb db, ILogger<AlertRouter> logger, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var facts = await FactsAsync(request, db, errors, cancellationToken);
        if (facts is null)
        {
            return Problems.Validation(errors);
        }
        var table = await RouteTable.LoadAsync(db, logger, cancellationToken);
        return TypedResults.Ok(table.Preview(facts));
    }

    public static async Task<AlertFacts?> FactsAsync(AlertRoutePreviewRequest request, UnyoDb db, ValidationErrors errors, CancellationToken cancellationToken)
    {
        string? team = null;
        Slugs.Check(request.Service, "service", errors);
        if (errors.IsEmpty && (team = await db.Services.Where(s => s.Name == request.Service).Select(s => s.Team!.Name).SingleOrDefaultAsync(cancellationToken)) is null)
        {
            errors.Add("service", $"service '{request.Service}' does not exist.");
        }
        var severity = Parse(request.Severity, AlertSeverity.Error, "severity", "critical, error, warning or info", errors);
        var urgency = Parse(request.Urgency, AlertUrgency.High, "urgency", "high or low", errors);
        var labels = request.Labels ?? new Dictionary<string, string>();
        if (labels.Count > MaxLabels)
        {
            errors.Add("labels", $"must hold at most {MaxLabels} labels.");
        }
        if (request.Source is { Length: > 255 })
        {
            errors.Add("source", "must be at most 255 characters.");
        }
        return errors.IsEmpty
            ? new AlertFacts(request.Service!, team!, severity, urgency, request.Source ?? "preview", request.Integration, labels)
            : null;
    }

    private static T Parse<T>(string? text, T fallback, string field, string allowed, ValidationErrors errors) where T : struct, Enum
    {
        if (text is null)
        {
            return fallback;
        }
        if (text.All(char.IsAsciiLetter) && Enum.TryParse<T>(text, ignoreCase: true, out var value))
        {
            return value;
        }
        errors.Add(field, $"'{text}' is not one of {allowed}.");
        return fallback;
    }
}
