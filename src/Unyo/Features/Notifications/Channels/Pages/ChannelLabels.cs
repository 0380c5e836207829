namespace Unyo.Features.Notifications.Channels.Pages;

// How the pages name channel kinds.
public static class ChannelLabels
{
    public static string Kind(string type) => type switch
    {
        "email" => "Email",
        "slack" => "Slack",
        "teams" => "Microsoft Teams",
        "discord" => "Discord",
        "mattermost" => "Mattermost",
        "webhook" => "Webhook",
        "pagerduty" => "PagerDuty Events v2",
        "sms" => "SMS (Twilio-compatible)",
        "voice" => "Voice call (Twilio-compatible)",
        _ => type,
    };
}
