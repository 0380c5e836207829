namespace Unyo.Features.Slos.Sla;

// One SLO's month in the organisation's report.
public sealed record SlaRow(string Slo, string DisplayName, string Service, string Team, string TimeZone, SlaMonth Month);
