using System.Text.Json.Nodes;
using Unyo.Client;
using Unyo.Features.ConfigAsCode;

namespace Unyo.Features.Slos;

public sealed record SloAlertRuleSpec(BurnSeverity Severity, int LongWindowMinutes, int ShortWindowMinutes, decimal BudgetConsumed)
{
    public SloAlertRule ToContract() => new()
    {
        Severity = Severity.ToString().ToLowerInvariant(),
        LongWindow = Windows.Format(TimeSpan.FromMinutes(LongWindowMinutes)),
        ShortWindow = Windows.Format(TimeSpan.FromMinutes(ShortWindowMinutes)),
        BudgetConsumed = BudgetConsumed,
    };
}

// An SLO as the API and YAML describe it, after validation and defaults: the canonical form that
// plans compare, exports write and audit records keep. (SloDefinition is what evaluation needs.)
// Percentages are decimals as people write them, rounded the way the stored double reads back,
// so that a stored SLO and the file it came from compare equal.
public sealed record SloSpec(
    string Name,
    string DisplayName,
    string? Description,
    string Service,
    string Sli,
    decimal Objective,
    int? RollingDays,
    CalendarPeriod? Calendar,
    string? TimeZone,
    BudgetingMethod Budgeting,
    decimal? TimeSliceTarget,
    int? TimeSliceMinutes,
    IReadOnlyList<SloAlertRuleSpec> AlertRules,
    bool ExcludeMaintenance = false)
{
    public const string KindName = "SLO";

    public string? Window => RollingDays is { } days ? $"{days}d" : null;

    public string? TimeSliceWindow => TimeSliceMinutes is { } minutes ? $"{minutes}m" : null;

    public static decimal Percent(double stored) => (decimal)stored;

    public static decimal Percent(decimal written) => (decimal)(double)written;

    public static SloSpec From(Slo slo, string service, string sli) => new(
        slo.Name,
        slo.DisplayName,
        slo.Description,
        service,
        sli,
        Percent(slo.ObjectivePercent),
        slo.RollingDays,
        slo.CalendarPeriod,
        slo.CalendarPeriod is null ? null : slo.TimeZone,
        slo.Budgeting,
        slo.TimeSliceTargetPercent is { } target ? Percent(target) : null,
        slo.TimeSliceMinutes,
        [.. slo.AlertRules.Select(r => new SloAlertRuleSpec(r.Severity, r.LongWindowMinutes, r.ShortWindowMinutes, Percent(r.BudgetConsumedPercent)))],
        slo.ExcludeMaintenance);

    // The team is the service's: an SLO has no owner of its own, so metadata holds only the name.
    public JsonObject ToDocument() => ConfigDocuments.Document(KindName,
        new JsonObject { ["name"] = Name },
        new JsonObject()
            .With("service", Service)
            .With("sli", Sli)
            .With("displayName", DisplayName)
            .With("description", Description)
            .With("objective", Objective)
            .With("window", Window)
            .With("calendar", Calendar?.ToString().ToLowerInvariant())
            .With("timeZone", TimeZone)
            .With("budgeting", Budgeting.ToString().ToLowerInvariant())
            .With("timeSliceTarget", TimeSliceTarget)
            .With("timeSliceWindow", TimeSliceWindow)
            .With("alertRules", AlertRules.Select(r => r.ToContract()).ToList())
            .With("excludeMaintenance", ExcludeMaintenance ? true : null));

    // Copies everything but the service and the SLI, which need ids.
    public void CopyTo(Slo slo)
    {
        slo.Name = Name;
        slo.DisplayName = DisplayName;
        slo.Description = Description;
        slo.ObjectivePercent = (double)Objective;
        slo.RollingDays = RollingDays;
        slo.CalendarPeriod = Calendar;
        slo.TimeZone = TimeZone ?? "UTC";
        slo.Budgeting = Budgeting;
        slo.TimeSliceTargetPercent = TimeSliceTarget is { } target ? (double)target : null;
        slo.TimeSliceMinutes = TimeSliceMinutes;
        slo.ExcludeMaintenance = ExcludeMaintenance;
        slo.AlertRules = [.. AlertRules.Select(r => new BurnRateRuleValue
        {
            Severity = r.Severity,
            LongWindowMinutes = r.LongWindowMinutes,
            ShortWindowMinutes = r.ShortWindowMinutes,
            BudgetConsumedPercent = (double)r.BudgetConsumed,
        })];
    }
}
