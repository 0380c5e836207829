namespace Unyo.Features.Notifications.Channels.Senders;

// POST {base}/2010-04-01/Accounts/{sid}/Messages.json with To, From and Body.
public sealed class SmsSender(IHttpClientFactory clients, TimeProvider time) : TwilioSender(clients, time)
{
    // Twilio's limit for one message body; longer texts are cut rather than refused.
    private const int MaxBody = 1600;

    public override ChannelKind Kind => ChannelKind.Sms;

    protected override string Resource => "Messages.json";

    protected override KeyValuePair<string, string> Content(ChannelTarget channel, NotificationMessage message) =>
        new("Body", HttpChannelSender.Cut(MessageText.Render(channel, message).Text, MaxBody));
}
