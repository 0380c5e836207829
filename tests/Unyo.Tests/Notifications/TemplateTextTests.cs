using System.Text.Json.Nodes;
using Unyo.Features.Notifications;
using Unyo.Features.Notifications.Channels;
using Unyo.Hosting;

namespace Unyo.Tests.Notifications;

public sealed class TemplateTextTests
{
    [Fact]
    public void PlaceholdersAreReplacedAndLinesWhoseValuesAreAllEmptyAreDropped()
    {
        var text = TemplateText.Render("A {{ summary }}\nAck: {{acknowledgeUrl}}\nplain line\n{{service}} {{resolveUrl}}", n => n switch
        {
            "summary" => "down",
            "service" => "checkout",
            _ => "",
        });

        Assert.Equal("A down\nplain line\ncheckout ", text);
    }

    [Fact]
    public void UnknownOrUnclosedPlaceholdersAreRefusedNamingTheField()
    {
        var errors = new ValidationErrors();

        TemplateText.Check("{{summary}} {{system.exit}}", "templates.triggered.text", errors);
        TemplateText.Check("{{summary", "templates.resolved.subject", errors);
        TemplateText.Check("{{summary}} and {{runbookUrl}}", "templates.test.text", errors);

        var all = errors.ToDictionary();
        Assert.Contains("{{system.exit}}", all["templates.triggered.text"][0]);
        Assert.Contains("without its closing", all["templates.resolved.subject"][0]);
        Assert.False(errors.Has("templates.test.text"));
    }

    [Fact]
    public void DefaultTextsCarryTheRunbookOrSayThereIsNoneAndLeaveOutLinksAResolvedAlertHasNot()
    {
        var triggered = MessageText.Render(ChannelSamples.Target(ChannelKind.Email), ChannelSamples.Message());
        var withRunbook = MessageText.Render(ChannelSamples.Target(ChannelKind.Email), ChannelSamples.Message(runbook: "https://wiki.example/runbooks/checkout", runbookMissing: false));
        var resolved = MessageText.Render(ChannelSamples.Target(ChannelKind.Slack), ChannelSamples.Message(NotificationEvent.Resolved));

        Assert.Equal("[critical] Checkout is down", triggered.Subject);
        Assert.Contains("Service: checkout (team payments)", triggered.Text);
        Assert.Contains("Urgency: high · Severity: critical · Status: triggered", triggered.Text);
        Assert.Contains("Runbook: no runbook", triggered.Text);
        Assert.Contains("Acknowledge: https://unyo.example/a/ack?sig=1", triggered.Text);
        Assert.Contains("Resolve: https://unyo.example/a/resolve?sig=2", triggered.Text);
        Assert.Contains("Alert: https://unyo.example/alerts/42", triggered.Text);
        Assert.Contains("Runbook: https://wiki.example/runbooks/checkout", withRunbook.Text);
        Assert.Equal("Resolved: Checkout is down", resolved.Subject);
        Assert.DoesNotContain("Acknowledge:", resolved.Text);
        Assert.DoesNotContain("Resolve:", resolved.Text);
    }

    [Fact]
    public void AChannelsOverrideReplacesOnlyThePartItGives()
    {
        var templates = new JsonObject { ["triggered"] = new JsonObject { ["text"] = "{{service}} pages {{team}} via {{channel}}" } };

        var (subject, text) = MessageText.Render(ChannelSamples.Target(ChannelKind.Email, templates: templates), ChannelSamples.Message());

        Assert.Equal("[critical] Checkout is down", subject);
        Assert.Equal("checkout pages payments via ops", text);
    }
}
