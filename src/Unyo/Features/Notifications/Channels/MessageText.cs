using System.Globalization;

namespace Unyo.Features.Notifications.Channels;

// Fills a channel's template for one message: the channel's override where it has one, the
// default of its kind otherwise. escape turns a value into the channel's markup (Slack's &<>), so
// an alert's summary cannot inject links or mentions into a message.
public static class MessageText
{
    public static (string Subject, string Text) Render(ChannelTarget channel, NotificationMessage message, Func<string, string>? escape = null)
    {
        var fallback = DefaultTemplates.For(channel.Kind, message.Event);
        var custom = channel.Templates?[ChannelTemplates.EventName(message.Event)];
        var subject = (string?)custom?["subject"] ?? fallback.Subject!;
        var text = (string?)custom?["text"] ?? fallback.Text!;
        escape ??= static v => v;
        string Value(string name) => escape(Raw(channel, message, name));
        return (TemplateText.Render(subject, Value), TemplateText.Render(text, Value));
    }

    public static string Raw(ChannelTarget channel, NotificationMessage message, string name) => name switch
    {
        "summary" => message.Summary,
        "service" => message.Service,
        "team" => message.Team,
        "severity" => message.Severity.ToString().ToLowerInvariant(),
        "urgency" => message.Urgency.ToString().ToLowerInvariant(),
        "status" => message.Status.ToString().ToLowerInvariant(),
        "source" => message.Source,
        "dedupKey" => message.DedupKey,
        "alertId" => message.AlertId.ToString(CultureInfo.InvariantCulture),
        "alertUrl" => message.AlertUrl,
        "runbookUrl" => RunbookText(message),
        "acknowledgeUrl" => message.AcknowledgeUrl ?? "",
        "resolveUrl" => message.ResolveUrl ?? "",
        "details" => message.Details ?? "",
        "occurrences" => message.Occurrences.ToString(CultureInfo.InvariantCulture),
        "occurredAt" => message.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture),
        "event" => ChannelTemplates.EventName(message.Event),
        "channel" => channel.Name,
        _ => "",
    };

    // A test message has no runbook and needs none; an alert without one says so loudly.
    public static string RunbookText(NotificationMessage message) =>
        message.RunbookUrl ?? (message.RunbookMissing ? "no runbook" : "");
}
