using System.Text.Json.Nodes;
using Unyo.Features.Notifications;
using Unyo.Features.Notifications.Channels.Senders;

namespace Unyo.Tests.Notifications;

public sealed class SenderPayloadTests
{
    [Fact]
    public void PagerDutyTriggersWithDetailsAndLinksAndAcknowledgesAndResolvesByTheSameDedupKey()
    {
        var target = ChannelSamples.Target(ChannelKind.PagerDuty);

        var trigger = PagerDutySender.Payload(target, ChannelSamples.Message(), "RK");
        var ack = PagerDutySender.Payload(target, ChannelSamples.Message(NotificationEvent.Acknowledged), "RK");
        var resolve = PagerDutySender.Payload(target, ChannelSamples.Message(NotificationEvent.Resolved), "RK");

        Assert.Equal(("RK", "trigger", "unyo-42"), ((string?)trigger["routing_key"], (string?)trigger["event_action"], (string?)trigger["dedup_key"]));
        Assert.Equal(("Checkout is down", "prometheus", "critical", "checkout"),
            ((string?)trigger["payload"]!["summary"], (string?)trigger["payload"]!["source"], (string?)trigger["payload"]!["severity"], (string?)trigger["payload"]!["component"]));
        var details = trigger["payload"]!["custom_details"]!;
        Assert.Equal(("no runbook", "high", "https://unyo.example/a/ack?sig=1", "prod"),
            ((string?)details["runbook"], (string?)details["urgency"], (string?)details["acknowledge_url"], (string?)details["labels"]!["env"]));
        Assert.Contains(trigger["links"]!.AsArray(), l => (string?)l!["text"] == "Acknowledge");
        Assert.Equal(("acknowledge", "unyo-42", null), ((string?)ack["event_action"], (string?)ack["dedup_key"], ack["payload"]));
        Assert.Equal(("resolve", "unyo-42"), ((string?)resolve["event_action"], (string?)resolve["dedup_key"]));
    }

    [Fact]
    public void SlackEscapesValuesSoASummaryCannotMentionEveryoneOrInjectLinks()
    {
        var payload = SlackSender.Payload(ChannelSamples.Target(ChannelKind.Slack), ChannelSamples.Message(summary: "<!channel> see <https://evil.example|this> & that"));

        var section = (string?)payload["blocks"]![0]!["text"]!["text"];
        Assert.StartsWith("*[critical] &lt;!channel&gt; see &lt;https://evil.example|this&gt; &amp; that*", section);
        Assert.DoesNotContain("<!channel>", payload.ToJsonString().Replace("\\u003C", "<", StringComparison.Ordinal));
        Assert.Equal(["Acknowledge", "Resolve", "Open alert"], payload["blocks"]![1]!["elements"]!.AsArray().Select(b => (string?)b!["text"]!["text"]));
    }

    [Fact]
    public void VoiceTwimlEscapesTheWholeTextSoNoVerbCanBeAdded()
    {
        var twiml = VoiceSender.Twiml("Down</Say><Dial>+15550100</Dial><Say>");

        Assert.Equal("<Response><Say>Down&lt;/Say&gt;&lt;Dial&gt;+15550100&lt;/Dial&gt;&lt;Say&gt;</Say></Response>", twiml);
    }

    [Fact]
    public void TeamsSendsAnAdaptiveCardByDefaultAndAMessageCardWhenAsked()
    {
        var adaptive = TeamsSender.AdaptiveCard(ChannelSamples.Target(ChannelKind.Teams), ChannelSamples.Message());
        var legacy = TeamsSender.MessageCard(ChannelSamples.Target(ChannelKind.Teams, new JsonObject { ["format"] = "messageCard" }), ChannelSamples.Message());

        var card = adaptive["attachments"]![0]!["content"]!;
        Assert.Equal(("AdaptiveCard", "1.4"), ((string?)card["type"], (string?)card["version"]));
        Assert.Equal("[critical] Checkout is down", (string?)card["body"]![0]!["text"]);
        Assert.Equal("https://unyo.example/a/ack?sig=1", (string?)card["actions"]![0]!["url"]);
        Assert.Equal(("MessageCard", "E01E5A"), ((string?)legacy["@type"], (string?)legacy["themeColor"]));
    }

    [Fact]
    public void DiscordTurnsMentionsOffAndColoursBySeverity()
    {
        var payload = DiscordSender.Payload(ChannelSamples.Target(ChannelKind.Discord, new JsonObject { ["username"] = "Unyo" }), ChannelSamples.Message(summary: "@everyone down"));

        Assert.Empty(payload["allowed_mentions"]!["parse"]!.AsArray());
        Assert.Equal((0xE01E5A, "Unyo"), ((int?)payload["embeds"]![0]!["color"], (string?)payload["username"]));
    }

    [Fact]
    public void TheWebhookBodyIsTheMessageWithTheRenderedText()
    {
        var body = JsonNode.Parse(WebhookSender.Body(ChannelSamples.Target(ChannelKind.Webhook), ChannelSamples.Message()))!;

        Assert.Equal(("0195d6a4-0000-7000-8000-000000000001", "triggered", "critical", "high", 42L),
            ((string?)body["deliveryId"], (string?)body["event"], (string?)body["severity"], (string?)body["urgency"], (long?)body["alertId"]));
        Assert.Equal(("2026-01-01T00:00:00Z", "ops", "[critical] Checkout is down"), ((string?)body["occurredAt"], (string?)body["channel"], (string?)body["subject"]));
        Assert.True((bool?)body["runbookMissing"]);
    }

    [Fact]
    public void TheSignatureIsHexHmacSha256OverTimestampDotBody()
    {
        // Computed independently: python3 -c "import hmac,hashlib; print(hmac.new(b'whsec_test', b'1767225600.{\"a\":1}', hashlib.sha256).hexdigest())"
        Assert.Equal("v1=6d204545ff126a339c00513d93603299c984074ce1331c3537c3f6c976b49019", WebhookSignature.Compute("whsec_test", 1767225600, "{\"a\":1}"));
    }
}
