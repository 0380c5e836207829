using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Hosting;

namespace Unyo.Features.Slos.Sla;

// SLA reports: attainment per calendar month, as JSON or CSV; reads only.
public static class SlaReportEndpoints
{
    // Three years of months; longer spans are several requests.
    public const int MaxMonths = 36;

    private static readonly TimeSpan EarliestZone = TimeSpan.FromHours(14);

    public static IEndpointRouteBuilder MapSlaReports(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("SLOs").RequireAuthorization(Policies.Read);
        api.MapGet("/slos/{name}/sla-report", ForSlo).Produces<SlaReportResponse>(StatusCodes.Status200OK, "application/json", "text/csv");
        api.MapGet("/sla-report", ForOrganisation).Produces<OrganisationSlaReportResponse>(StatusCodes.Status200OK, "application/json", "text/csv");
        return app;
    }

    public static async Task<Results<Ok<SlaReportResponse>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> ForSlo(
        string name, string? from, string? to, string? format, HttpRequest request, UnyoDb db, SlaReports reports, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var csv = SlaFormat.WantsCsv(format, request, errors);
        var first = Month(from, "from", errors);
        var last = Month(to, "to", errors);
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }
        var slo = await db.Slos.AsNoTracking().Select(s => new { Slo = s, Service = s.Service!.Name, Team = s.Service.Team!.Name })
            .SingleOrDefaultAsync(s => s.Slo.Name == name, cancellationToken);
        if (slo is null)
        {
            return Problems.NotFound("SLO", name);
        }
        var now = time.GetUtcNow();
        // A range that starts in a month not begun on the SLO's calendar has nothing to report;
        // one that ends after this month ("this year") reports up to this month.
        var current = CalendarMonth.Containing(now, slo.Slo.CalendarZone);
        if (NotBegun(first, "from", current, errors))
        {
            return Problems.Validation(errors);
        }
        // Without bounds: the twelve months up to this one.
        var end = last is { } asked && asked < current ? asked : current;
        var begin = first ?? end.AddMonths(-11);
        if (begin > end)
        {
            return Problems.Validation("from", $"{begin} is after to ({end}).");
        }
        if (begin.MonthsUntil(end) >= MaxMonths)
        {
            return Problems.Validation("from", $"{begin} to {end} is {begin.MonthsUntil(end) + 1} months; a report covers at most {MaxMonths}.");
        }
        var months = await reports.ForSloAsync(slo.Slo, begin, end, now, cancellationToken);
        var report = SlaReportMapping.ToResponse(slo.Slo, slo.Service, slo.Team, begin, end, months);
        return csv
            ? Csv(SlaCsv.Write(SlaReportMapping.Rows(report)), $"sla-{name}-{begin}-to-{end}.csv")
            : TypedResults.Ok(report);
    }

    public static async Task<Results<Ok<OrganisationSlaReportResponse>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> ForOrganisation(
        string? month, string? service, string? format, HttpRequest request, UnyoDb db, SlaReports reports, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var csv = SlaFormat.WantsCsv(format, request, errors);
        var asked = Month(month, "month", errors);
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }
        if (!string.IsNullOrEmpty(service) && !await db.Services.AnyAsync(s => s.Name == service, cancellationToken))
        {
            return Problems.NotFound("Service", service);
        }
        var now = time.GetUtcNow();
        // A month has begun somewhere once it has begun in the earliest zone, UTC+14.
        if (NotBegun(asked, "month", CalendarMonth.Containing(now + EarliestZone, TimeZoneInfo.Utc), errors))
        {
            return Problems.Validation(errors);
        }
        var chosen = asked ?? CalendarMonth.Containing(now, TimeZoneInfo.Utc);
        var filter = string.IsNullOrEmpty(service) ? null : service;
        var report = SlaReportMapping.ToResponse(chosen, filter, await reports.ForMonthAsync(chosen, filter, cancellationToken));
        return csv
            ? Csv(SlaCsv.Write(report.Slos), filter is null ? $"sla-{chosen}.csv" : $"sla-{filter}-{chosen}.csv")
            : TypedResults.Ok(report);
    }

    private static CalendarMonth? Month(string? text, string field, ValidationErrors errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        if (CalendarMonth.TryParse(text, out var month))
        {
            return month;
        }
        errors.Add(field, $"'{text}' is not a month: write it as YYYY-MM, for example 2026-03 (years 1970 to 9998).");
        return null;
    }

    private static bool NotBegun(CalendarMonth? month, string field, CalendarMonth current, ValidationErrors errors)
    {
        if (month > current)
        {
            errors.Add(field, $"{month} has not begun: the current month is {current}.");
            return true;
        }
        return false;
    }

    private static FileContentHttpResult Csv(string text, string fileName) =>
        TypedResults.File(Encoding.UTF8.GetBytes(text), SlaCsv.ContentType, fileName);
}
