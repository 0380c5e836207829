using System.Security;

namespace Unyo.Features.Notifications.Channels.Senders;

// POST {base}/2010-04-01/Accounts/{sid}/Calls.json with To, From and Twiml that reads the text.
public sealed class VoiceSender(IHttpClientFactory clients, TimeProvider time) : TwilioSender(clients, time)
{
    public override ChannelKind Kind => ChannelKind.Voice;

    protected override string Resource => "Calls.json";

    protected override KeyValuePair<string, string> Content(ChannelTarget channel, NotificationMessage message) =>
        new("Twiml", Twiml(MessageText.Render(channel, message).Text));

    // The whole text is escaped: nothing in a summary can add TwiML verbs (a <Dial> elsewhere).
    public static string Twiml(string text) => $"<Response><Say>{SecurityElement.Escape(HttpChannelSender.Cut(text, 3000))}</Say></Response>";
}
