using Unyo.Client;
using Unyo.Features.Alerts;
using Unyo.Features.OnCall.Analytics;
using static Unyo.Features.Alerts.AlertTimelineKind;

namespace Unyo.Tests.OnCall;

/// The rules analytics judge pages and alerts by: working hours and nights in a person's own zone
/// (across a daylight-saving change), percentiles, idle acknowledgements and the CSV form.
public sealed class OnCallAnalyticsRulesTests
{
    private static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text + "Z", System.Globalization.CultureInfo.InvariantCulture);

    private static WorkingHours Hours(string zone) => OnCallProfiles.Validate(new OnCallProfileRequest { TimeZone = zone });

    [Fact]
    public void NightAndWorkingHoursAreReadOnThePersonsOwnWallClockAcrossSummerTime()
    {
        var london = Hours("Europe/London");
        var tokyo = Hours("Asia/Tokyo");

        // 08:30 UTC on the Friday before and the Monday after the clocks go forward (29 March 2026).
        Assert.False(london.IsWorking(Utc("2026-03-27T08:30:00")));
        Assert.True(london.IsWorking(Utc("2026-03-30T08:30:00")));
        // 21:30 UTC: 22:30 in London in summer (night), 21:30 in winter (not); 06:30 next day in Tokyo (night).
        Assert.True(london.IsNight(Utc("2026-06-01T21:30:00")));
        Assert.False(london.IsNight(Utc("2026-01-05T21:30:00")));
        Assert.True(tokyo.IsNight(Utc("2026-01-05T21:30:00")));
        Assert.False(tokyo.IsNight(Utc("2026-01-05T22:00:00")));
        // Saturday noon is off hours but not night.
        Assert.False(WorkingHours.Default.IsWorking(Utc("2026-01-10T12:00:00")));
        Assert.True(WorkingHours.Default.IsWorking(Utc("2026-01-09T16:59:59")));
        Assert.False(WorkingHours.Default.IsWorking(Utc("2026-01-09T17:00:00")));
    }

    [Fact]
    public void PercentilesInterpolateBetweenRanks()
    {
        Assert.Null(Quantiles.Of([], 0.5));
        Assert.Equal(7, Quantiles.Of([7], 0.9));
        Assert.Equal(2.5, Quantiles.Of([1, 2, 3, 10], 0.5));
        Assert.Equal(7.9, Quantiles.Of([1, 2, 3, 10], 0.9));
    }

    [Theory]
    [InlineData(true, new[] { Triggered, Acknowledged, Resolved })]
    [InlineData(true, new[] { Triggered, Acknowledged, AutoResolved })]
    [InlineData(true, new[] { Triggered, Note, Acknowledged, Resolved })]
    [InlineData(false, new[] { Triggered, Acknowledged, Note, Resolved })]
    [InlineData(false, new[] { Triggered, Acknowledged, Snoozed, Resolved })]
    [InlineData(false, new[] { Triggered, Acknowledged, Reassigned, Resolved })]
    [InlineData(false, new[] { Triggered, Resolved })]
    [InlineData(false, new[] { Triggered, Acknowledged })]
    public void AnAcknowledgementIsIdleWhenNothingHappensBeforeTheResolution(bool idle, AlertTimelineKind[] kinds) =>
        Assert.Equal(idle, AlertReading.AcknowledgedWithoutAction(kinds));

    [Fact]
    public void CsvQuotesCommasAndDefusesFormulas()
    {
        var report = new OnCallAnalyticsResponse(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddDays(1), null, null, [], [],
            [new NoisyAlertResponse("web", "=HYPERLINK(\"x\")", "Disk 90%, \"full\"", 3, 2, 1 / 3.0, 0, null)]);

        var csv = AnalyticsCsv.Write("noisy", report);

        Assert.Equal("service,dedup_key,summary,alerts,pages,auto_resolve_rate,ack_without_action_rate,mean_resolve_seconds\r\n"
            + "web,\"'=HYPERLINK(\"\"x\"\")\",\"Disk 90%, \"\"full\"\"\",3,2,0.333,0,\r\n", csv);
    }
}
