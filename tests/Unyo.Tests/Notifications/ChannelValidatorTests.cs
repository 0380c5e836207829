using System.Text.Json.Nodes;
using Unyo.Client;
using Unyo.Features.Notifications;
using Unyo.Features.Notifications.Channels;
using Unyo.Hosting;

namespace Unyo.Tests.Notifications;

public sealed class ChannelValidatorTests
{
    [Theory]
    [InlineData("slack", ChannelUse.Chat)]
    [InlineData("teams", ChannelUse.Chat)]
    [InlineData("discord", ChannelUse.Chat)]
    [InlineData("mattermost", ChannelUse.Chat)]
    [InlineData("email", ChannelUse.Paging)]
    [InlineData("webhook", ChannelUse.Paging)]
    [InlineData("pagerduty", ChannelUse.Paging)]
    [InlineData("voice", ChannelUse.Paging)]
    public void ChatWebhooksAreForChatAndEverythingElsePagesByDefault(string type, ChannelUse expected)
    {
        var settings = type switch
        {
            "email" => new JsonObject { ["to"] = new JsonArray("a@example.test") },
            "voice" => new JsonObject { ["accountSid"] = "AC1", ["from"] = "+14155550100", ["to"] = new JsonArray("+14155550101") },
            _ => [],
        };
        var errors = new ValidationErrors();

        var spec = NotificationChannelValidator.Validate(new NotificationChannelRequest { Name = "ops", Team = "payments", Type = type, Settings = settings }, errors, out _);

        Assert.True(errors.IsEmpty, string.Join("; ", errors.All));
        Assert.Equal(expected, spec!.Use);
    }

    [Fact]
    public void SecretsComeOutAsChangesAndOnlyTheTypesSettingsAreKept()
    {
        var errors = new ValidationErrors();

        var spec = NotificationChannelValidator.Validate(new NotificationChannelRequest
        {
            Name = "ops", Team = "payments", Type = "webhook",
            Settings = new JsonObject { ["headers"] = new JsonObject { ["X-B"] = "2", ["X-A"] = "1" } },
            Secrets = new() { ["url"] = " https://hooks.example/x ", ["signingSecret"] = null },
        }, errors, out var secrets);

        Assert.True(errors.IsEmpty);
        Assert.Equal("{\"headers\":{\"X-A\":\"1\",\"X-B\":\"2\"}}", spec!.Settings.ToJsonString());
        Assert.Equal(new Dictionary<string, string> { ["url"] = "https://hooks.example/x" }, secrets);
    }

    [Fact]
    public void ReservedOrBrokenHeadersAreRefusedByName()
    {
        var errors = new ValidationErrors();

        NotificationChannelValidator.Validate(new NotificationChannelRequest
        {
            Name = "ops", Team = "payments", Type = "webhook",
            Settings = new JsonObject { ["headers"] = new JsonObject { ["X-Unyo-Signature"] = "forged", ["Content-Type"] = "text/plain", ["Bad Name"] = "x", ["X-Ok"] = "a\r\nInjected: 1" } },
        }, errors, out _);

        var all = errors.ToDictionary();
        Assert.Contains("set by Unyo", all["settings.headers.X-Unyo-Signature"][0]);
        Assert.Contains("set by Unyo", all["settings.headers.Content-Type"][0]);
        Assert.Contains("not a valid header name", all["settings.headers.Bad Name"][0]);
        Assert.Contains("without line breaks", all["settings.headers.X-Ok"][0]);
    }

    [Fact]
    public void MergingKeepsWhatIsNotGivenRemovesEmptyOnesAndNotesOnlyChanges()
    {
        var stored = new Dictionary<string, string> { ["url"] = "https://a", ["signingSecret"] = "s1", ["routingKey"] = "left over from another type" };

        var merged = ChannelSecrets.Merge(ChannelKind.Webhook, stored, new Dictionary<string, string> { ["url"] = "https://b", ["signingSecret"] = "" });
        var notes = ChannelSecrets.Notes(stored, merged);
        var errors = new ValidationErrors();
        var generated = ChannelSecrets.Complete(ChannelKind.Webhook, merged, errors);

        Assert.Equal(["signingSecret", "url"], merged.Keys.Order());
        Assert.Equal("https://b", merged["url"]);
        Assert.StartsWith("whsec_", generated);
        Assert.Equal(generated, merged["signingSecret"]);
        Assert.Equal(new Dictionary<string, string> { ["url"] = "(changed)", ["signingSecret"] = "(removed)", ["routingKey"] = "(removed)" }, notes);
        Assert.True(errors.IsEmpty);
    }
}
