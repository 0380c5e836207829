using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Unyo.Client;
using Unyo.Hosting;

namespace Unyo.Features.Maintenance;

// The occurrences of one window over a range: what the pages and SLO reports line up against.
public static class MaintenanceOccurrenceEndpoints
{
    public static readonly TimeSpan DefaultRange = TimeSpan.FromDays(30);
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(400);

    // `GET /api/v1/maintenance-windows/{name}/occurrences?from=&to=`: occurrences overlapping
    // [from, to); from defaults to now, to to 30 days after from.
    public static async Task<Results<Ok<List<MaintenanceOccurrenceResponse>>, ValidationProblem, ProblemHttpResult>> List(
        string name, string? from, string? to, MaintenanceCatalog catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var start = Read(from, "from", errors) ?? time.GetUtcNow();
        var end = Read(to, "to", errors) ?? start + DefaultRange;
        if (errors.IsEmpty && end <= start)
        {
            errors.Add("to", "must be after from.");
        }
        else if (errors.IsEmpty && end - start > MaxRange)
        {
            errors.Add("to", $"is more than {MaxRange.TotalDays:0} days after from: ask for a shorter range.");
        }
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }
        var window = await catalog.FindAsync(name, cancellationToken);
        if (window is null)
        {
            return Problems.NotFound("Maintenance window", name);
        }
        return TypedResults.Ok(MaintenanceCatalog.Occurrences(window).Between(start, end).Select(o => MaintenanceCatalog.ToContract(o)!).ToList());
    }

    private static DateTimeOffset? Read(string? text, string field, ValidationErrors errors)
    {
        if (text is null)
        {
            return null;
        }
        if (!text.Contains('T', StringComparison.OrdinalIgnoreCase) || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            errors.Add(field, $"'{text}' is not an RFC 3339 instant such as 2026-03-01T00:00:00Z.");
            return null;
        }
        return at.ToUniversalTime();
    }
}
