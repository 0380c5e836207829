namespace Unyo.Features.Notifications.Channels;

// The texts a channel sends unless it overrides them: every message carries the summary, the
// service, urgency and severity, the runbook (or says there is none) and the links to the alert
// and to acknowledge or resolve it. Texts messages and calls are short; calls carry no links.
public static class DefaultTemplates
{
    private const string Body = """
        {{summary}}
        Service: {{service}} (team {{team}})
        Urgency: {{urgency}} · Severity: {{severity}} · Status: {{status}}
        Runbook: {{runbookUrl}}
        Details: {{details}}
        Alert: {{alertUrl}}
        Acknowledge: {{acknowledgeUrl}}
        Resolve: {{resolveUrl}}
        """;

    private const string Sms = """
        {{summary}} ({{service}}, {{urgency}} urgency, {{severity}})
        Runbook: {{runbookUrl}}
        Ack: {{acknowledgeUrl}}
        Resolve: {{resolveUrl}}
        """;

    // A notice is no alert: its subject and text say it all, with the link to follow.
    private const string Notice = """
        {{details}}

        Open: {{alertUrl}}
        """;

    public static ChannelTemplate For(ChannelKind kind, NotificationEvent notificationEvent)
    {
        if (notificationEvent == NotificationEvent.Notice)
        {
            return new("{{summary}}", kind == ChannelKind.Voice ? "This is Unyo. {{summary}}." : Notice);
        }
        var subject = notificationEvent switch
        {
            NotificationEvent.Triggered => "[{{severity}}] {{summary}}",
            NotificationEvent.Acknowledged => "Acknowledged: {{summary}}",
            NotificationEvent.Resolved => "Resolved: {{summary}}",
            NotificationEvent.Escalated => "Escalated [{{severity}}]: {{summary}}",
            _ => "Test: {{summary}}",
        };
        return kind switch
        {
            ChannelKind.Sms => new(subject, $"Unyo {Verb(notificationEvent)}: {Sms}"),
            ChannelKind.Voice => new(subject, $"This is Unyo. An alert {Verb(notificationEvent)}. {{{{summary}}}}. Service {{{{service}}}}. Severity {{{{severity}}}}, {{{{urgency}}}} urgency."),
            ChannelKind.PagerDuty => new("{{summary}}", Body),
            _ => new(subject, Body),
        };
    }

    private static string Verb(NotificationEvent notificationEvent) => notificationEvent switch
    {
        NotificationEvent.Triggered => "triggered",
        NotificationEvent.Acknowledged => "was acknowledged",
        NotificationEvent.Resolved => "was resolved",
        NotificationEvent.Escalated => "is escalated",
        _ => "test",
    };
}
