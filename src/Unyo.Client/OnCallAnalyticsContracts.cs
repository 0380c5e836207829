namespace Unyo.Client;

/// <summary>On-call load over a period: who was paged, when, how fast alerts were handled, and which alerts are noise.</summary>
/// <param name="From">Start of the period (UTC, inclusive).</param>
/// <param name="To">End of the period (UTC, exclusive).</param>
/// <param name="Team">The team filter, if any.</param>
/// <param name="Service">The service filter, if any.</param>
/// <param name="People">One row per person paged in the period, most pages first.</param>
/// <param name="Teams">One row per team whose services paged someone in the period, most pages first.</param>
/// <param name="Noisy">Alerts opened in the period grouped by service and dedup key, noisiest first (at most 50).</param>
public sealed record OnCallAnalyticsResponse(
    DateTimeOffset From,
    DateTimeOffset To,
    string? Team,
    string? Service,
    IReadOnlyList<PersonOnCallLoad> People,
    IReadOnlyList<TeamOnCallLoad> Teams,
    IReadOnlyList<NoisyAlertResponse> Noisy);

/// <summary>Timings in seconds over a set of alerts; null when no alert qualified.</summary>
/// <param name="Alerts">How many distinct alerts the row covers.</param>
/// <param name="MedianAckSeconds">Median time from an alert's first page to its acknowledgement.</param>
/// <param name="P90AckSeconds">90th percentile of the same.</param>
/// <param name="MedianResolveSeconds">Median time from an alert's first page to its resolution.</param>
/// <param name="P90ResolveSeconds">90th percentile of the same.</param>
public sealed record ResponseTimes(int Alerts, double? MedianAckSeconds, double? P90AckSeconds, double? MedianResolveSeconds, double? P90ResolveSeconds);

/// <summary>One person's pages in the period.</summary>
/// <param name="Email">Who.</param>
/// <param name="DisplayName">Their name.</param>
/// <param name="TimeZone">The zone their pages were judged in (their on-call profile, else UTC).</param>
/// <param name="Pages">Pages they received.</param>
/// <param name="OffHoursPages">Of those, pages outside their working hours.</param>
/// <param name="NightPages">Of those, pages between 22:00 and 07:00 in their zone.</param>
/// <param name="Times">Acknowledge and resolve times of the alerts they were paged for.</param>
public sealed record PersonOnCallLoad(string Email, string DisplayName, string TimeZone, int Pages, int OffHoursPages, int NightPages, ResponseTimes Times);

/// <summary>One team's pages in the period (the team that owns the alert's service).</summary>
/// <param name="Team">The team's slug.</param>
/// <param name="Pages">Pages sent for its services' alerts.</param>
/// <param name="OffHoursPages">Of those, pages outside the paged person's working hours.</param>
/// <param name="NightPages">Of those, pages between 22:00 and 07:00 in the paged person's zone.</param>
/// <param name="PeoplePaged">How many different people were paged.</param>
/// <param name="Times">Acknowledge and resolve times of its paged alerts.</param>
public sealed record TeamOnCallLoad(string Team, int Pages, int OffHoursPages, int NightPages, int PeoplePaged, ResponseTimes Times);

/// <summary>Alerts of one service and dedup key opened in the period.</summary>
/// <param name="Service">The service's slug.</param>
/// <param name="DedupKey">The dedup key.</param>
/// <param name="Summary">The latest alert's summary.</param>
/// <param name="Alerts">How many alerts opened.</param>
/// <param name="Pages">How many pages they caused.</param>
/// <param name="AutoResolveRate">Share of the alerts (0–1) that Unyo resolved by itself.</param>
/// <param name="AckWithoutActionRate">Share of the alerts (0–1) acknowledged and then resolved with no note, reassignment or snooze in between.</param>
/// <param name="MeanResolveSeconds">Mean time from opening to resolution of the resolved ones; null when none resolved.</param>
public sealed record NoisyAlertResponse(string Service, string DedupKey, string Summary, int Alerts, int Pages, double AutoResolveRate, double AckWithoutActionRate, double? MeanResolveSeconds);
