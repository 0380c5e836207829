using System.Text.Json;
using Unyo.Features.Alerts;
using Unyo.Features.Alerts.Integrations;
using Unyo.Hosting;

namespace Unyo.Tests.Alerts;

public sealed class AlertmanagerPayloadTests
{
    private static IReadOnlyList<AlertEvent>? Read(string json, ValidationErrors errors)
    {
        using var document = JsonDocument.Parse(json);
        return AlertmanagerPayload.Read(document.RootElement, errors);
    }

    [Theory]
    [InlineData("critical", AlertSeverity.Critical)]
    [InlineData("PAGE", AlertSeverity.Critical)]
    [InlineData("error", AlertSeverity.Error)]
    [InlineData("high", AlertSeverity.Error)]
    [InlineData("major", AlertSeverity.Error)]
    [InlineData("warning", AlertSeverity.Warning)]
    [InlineData("warn", AlertSeverity.Warning)]
    [InlineData("ticket", AlertSeverity.Warning)]
    [InlineData("minor", AlertSeverity.Warning)]
    [InlineData("info", AlertSeverity.Info)]
    [InlineData("informational", AlertSeverity.Info)]
    [InlineData("low", AlertSeverity.Info)]
    [InlineData("none", AlertSeverity.Info)]
    [InlineData("disaster", AlertSeverity.Warning)]
    [InlineData(null, AlertSeverity.Warning)]
    public void SeverityLabelsMapLikePrometheusAndPagerDutyNameThem(string? label, AlertSeverity expected) =>
        Assert.Equal(expected, AlertmanagerPayload.SeverityOf(label));

    [Fact]
    public void WithoutAFingerprintTheKeyIsAStableHashOfTheSortedLabels()
    {
        var one = AlertmanagerPayload.Fingerprint(new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" });
        var same = AlertmanagerPayload.Fingerprint(new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" });
        // The separator keeps {a: "1b", …} apart from {a: "1", b…}.
        var other = AlertmanagerPayload.Fingerprint(new Dictionary<string, string> { ["a"] = "1b", ["b"] = "2" });

        Assert.Equal(one, same);
        Assert.NotEqual(one, other);
        Assert.Matches("^labels:[0-9a-f]{32}$", one);
    }

    [Fact]
    public void ResolvedAlertsHappenAtTheirEndAndFiringOnesAtTheirStartAndLongGroupKeysAreHashed()
    {
        var errors = new ValidationErrors();
        var groupKey = new string('g', 300);
        var events = Read($$"""
            {"version": "4", "receiver": "team-a", "groupKey": "{{groupKey}}", "status": "firing", "externalURL": "ftp://not-a-link",
             "alerts": [
               {"status": "resolved", "labels": {"alertname": "A"}, "startsAt": "2026-06-03T10:00:00Z", "endsAt": "2026-06-03T10:05:00+02:00", "fingerprint": "a"},
               {"status": "firing", "labels": {"alertname": "B"}, "annotations": {"summary": " ", "runbook": "https://wiki.example.com/b"}, "startsAt": "2026-06-03T10:00:00Z", "endsAt": "0001-01-01T00:00:00Z"}
             ]}
            """, errors)!;

        Assert.True(errors.IsEmpty);
        Assert.Equal((AlertAction.Resolve, new DateTimeOffset(2026, 6, 3, 8, 5, 0, TimeSpan.Zero)), (events[0].Action, events[0].OccurredAt));
        Assert.Equal((AlertAction.Trigger, new DateTimeOffset(2026, 6, 3, 10, 0, 0, TimeSpan.Zero)), (events[1].Action, events[1].OccurredAt));
        Assert.Equal(("B", "https://wiki.example.com/b", "alertmanager/team-a"), (events[1].Summary, events[1].RunbookUrl, events[1].Source));
        Assert.Empty(events[1].Links);
        Assert.StartsWith("sha256:", events[0].GroupKey);
        Assert.Equal(events[0].GroupKey, events[1].GroupKey);
        Assert.True(events[0].GroupKey!.Length <= 255);
    }

    [Fact]
    public void AnEmptyListIsAcceptedAndAWrongVersionOrShapeIsNot()
    {
        var errors = new ValidationErrors();
        Assert.Empty(Read("""{"version": "4", "receiver": "r", "alerts": []}""", errors)!);
        Assert.True(errors.IsEmpty);

        Assert.Null(Read("""{"receiver": "", "alerts": [1]}""", errors));
        var found = errors.ToDictionary();
        Assert.Equal(["alerts[0]", "receiver", "version"], found.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("is required", found["version"][0]);
        Assert.Null(Read("[]", errors = new ValidationErrors()));
        Assert.Contains("must be a JSON object", errors.ToDictionary()["body"][0]);
    }

    [Fact]
    public void LabelsAreRefusedOnlyWhenTheirJsonIsTooLongToStore()
    {
        static string Payload(string value) => $$$"""{"version": "4", "receiver": "r", "alerts": [{"status": "firing", "labels": {"alertname": "A", "note": "{{{value}}}"}}]}""";
        var errors = new ValidationErrors();

        Assert.Single(Read(Payload(new string('x', 5000)), errors)!);
        Assert.True(errors.IsEmpty);
        Assert.Null(Read(Payload(new string('x', 17000)), errors));
        Assert.Contains("must be at most 16384 characters as JSON", errors.ToDictionary()["alerts[0].labels"][0]);
    }
}
