using System.Text.Json;
using Unyo.Features.Alerts;
using Unyo.Features.Alerts.Native;
using Unyo.Hosting;

namespace Unyo.Tests.Alerts;

public sealed class NativeAlertParserTests
{
    private static IReadOnlyList<AlertEvent>? Read(string json, ValidationErrors errors)
    {
        using var document = JsonDocument.Parse(json);
        return NativeAlertParser.Read(document.RootElement, "api/shop", errors);
    }

    [Fact]
    public void AMinimalTriggerGetsTheDefaults()
    {
        var errors = new ValidationErrors();
        var read = Assert.Single(Read("""{"action":"trigger","summary":"  Checkout down  ","severity":"critical"}""", errors)!);
        Assert.True(errors.IsEmpty);
        Assert.Equal((AlertAction.Trigger, (string?)null, "Checkout down", "api/shop", AlertSeverity.Critical, (AlertUrgency?)null),
            (read.Action, read.DedupKey, read.Summary, read.Source, read.Severity, read.Urgency));
        Assert.Empty(read.Labels);
        Assert.Null(read.Details);
    }

    [Fact]
    public void AnAcknowledgementNeedsOnlyItsKey()
    {
        var errors = new ValidationErrors();
        var read = Assert.Single(Read("""{"action":"acknowledge","dedupKey":"k"}""", errors)!);
        Assert.Equal((AlertAction.Acknowledge, "k"), (read.Action, read.DedupKey));
    }

    [Theory]
    [InlineData("""{"action":"trigger","summary":"s","severity":"info","dedupKey":""}""", "dedupKey")]
    [InlineData("""{"action":"trigger","summary":"s","severity":"info","source":5}""", "source")]
    [InlineData("""{"action":"trigger","summary":"s","severity":"info","runbookUrl":"file:///etc/passwd"}""", "runbookUrl")]
    [InlineData("""{"action":"trigger","summary":"s","severity":"info","links":{"href":"https://x"}}""", "links")]
    [InlineData("""{"action":"trigger","summary":"s","severity":"info","labels":[]}""", "labels")]
    [InlineData("""{"action":"trigger","summary":"s","severity":"info","groupKey":""}""", "groupKey")]
    [InlineData("""[{"action":"trigger","summary":"s","severity":"info"},{"action":"trigger","summary":"s","severity":"Critical"}]""", "[1].severity")]
    [InlineData("""[1]""", "[0]")]
    [InlineData("""[]""", "body")]
    public void ABadFieldIsNamedAndNothingIsRead(string json, string field)
    {
        var errors = new ValidationErrors();
        Assert.Null(Read(json, errors));
        Assert.Equal([field], errors.All.Select(e => e.Field).Distinct());
    }
}
