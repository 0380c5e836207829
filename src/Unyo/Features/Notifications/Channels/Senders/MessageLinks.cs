namespace Unyo.Features.Notifications.Channels.Senders;

// The buttons chat cards show under a message: open the alert, acknowledge it, resolve it.
public static class MessageLinks
{
    public static IEnumerable<(string Title, string Url)> Of(NotificationMessage message)
    {
        if (message.AcknowledgeUrl is { } acknowledge)
        {
            yield return ("Acknowledge", acknowledge);
        }
        if (message.ResolveUrl is { } resolve)
        {
            yield return ("Resolve", resolve);
        }
        if (message.RunbookUrl is { } runbook)
        {
            yield return ("Runbook", runbook);
        }
        yield return ("Open alert", message.AlertUrl);
    }
}
