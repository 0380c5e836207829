using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Unyo.Client;
using Unyo.Data;
using Unyo.Hosting;

namespace Unyo.Features.OnCall.Analytics;

// `GET /api/v1/oncall/analytics?from=&to=&team=&service=`: JSON, or with `format=csv&table=people|teams|noisy` one table as CSV.
public static class AnalyticsEndpoints
{
    public static async Task<Results<Ok<OnCallAnalyticsResponse>, FileContentHttpResult, ValidationProblem>> Get(
        string? from, string? to, string? team, string? service, string? format, string? table,
        UnyoDb db, TimeProvider time, OnCallAnalytics analytics, CancellationToken cancellationToken)
    {
        var (period, errors) = await AnalyticsPeriod.ReadAsync(from, to, team, service, db, time, cancellationToken);
        var csv = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);
        if (format is not null && !csv && !string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add("format", $"'{format}' is not json or csv.");
        }
        if (csv && (table is null || !AnalyticsCsv.Tables.Contains(table.Trim().ToLowerInvariant())))
        {
            errors.Add("table", $"CSV needs one table: {string.Join(", ", AnalyticsCsv.Tables)}.");
        }
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }
        var report = await analytics.ComputeAsync(period!, cancellationToken);
        if (!csv)
        {
            return TypedResults.Ok(report);
        }
        var name = table!.Trim().ToLowerInvariant();
        var file = $"oncall-{name}-{Day(period!.From)}-{Day(period.To)}.csv";
        return TypedResults.File(Encoding.UTF8.GetBytes(AnalyticsCsv.Write(name, report)), "text/csv; charset=utf-8", file);
    }

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
}
