namespace Unyo.Features.OnCall.Personal;

// How a person can be reached. Email: an address. Sms and Voice: a phone number in E.164 form,
// through the organisation's Twilio-compatible phone provider. Chat: a chat incoming-webhook URL
// (Slack-compatible) that reaches the person directly. Push: any HTTPS endpoint that takes the
// signed webhook JSON (a phone app's push relay, a home automation hook).
public enum ContactMethodKind
{
    Email,
    Sms,
    Voice,
    Chat,
    Push,
}
