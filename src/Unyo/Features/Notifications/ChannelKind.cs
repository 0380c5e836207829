namespace Unyo.Features.Notifications;

public enum ChannelKind
{
    Email,
    Slack,
    Teams,
    Discord,
    Mattermost,
    Webhook,
    // PagerDuty Events API v2 outbound: forward to PagerDuty or any compatible endpoint.
    PagerDuty,
    // Twilio-compatible REST API with a configurable base URL.
    Sms,
    Voice,
}
