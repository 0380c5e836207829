using System.Net.Http.Headers;
using System.Text;

namespace Unyo.Features.Notifications.Channels.Senders;

// Texts and calls through a Twilio-compatible REST API: one request per recipient, with the
// account SID and auth token as basic credentials. The worst answer decides the outcome; a retry
// after a partial failure reaches the numbers that already got it again (receivers of a page
// would rather get it twice than not at all).
public abstract class TwilioSender(IHttpClientFactory clients, TimeProvider time) : INotificationSender
{
    public const string DefaultBaseUrl = "https://api.twilio.com";

    protected abstract string Resource { get; }

    protected abstract KeyValuePair<string, string> Content(ChannelTarget channel, NotificationMessage message);

    public abstract ChannelKind Kind { get; }

    public async Task<DeliveryOutcome> SendAsync(ChannelTarget channel, NotificationMessage message, CancellationToken cancellationToken)
    {
        string token;
        try
        {
            token = HttpChannelSender.Secret(channel, "authToken");
        }
        catch (ChannelMisconfiguredException exception)
        {
            return new DeliveryOutcome(DeliveryResult.Rejected, null, exception.Message);
        }
        var sid = (string)channel.Settings["accountSid"]!;
        var url = $"{((string?)channel.Settings["baseUrl"] ?? DefaultBaseUrl).TrimEnd('/')}/2010-04-01/Accounts/{Uri.EscapeDataString(sid)}/{Resource}";
        var credentials = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{sid}:{token}")));
        var content = Content(channel, message);
        DeliveryOutcome? worst = null;
        foreach (var to in channel.Settings["to"]!.AsArray().Select(n => (string)n!))
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url)
            {
                Content = new FormUrlEncodedContent([new("To", to), new("From", (string)channel.Settings["from"]!), content]),
            };
            request.Headers.Authorization = credentials;
            var outcome = await HttpOutcomes.SendAsync(clients.CreateClient(ChannelHttp.ClientName), request, time, cancellationToken);
            if (outcome.Result != DeliveryResult.Delivered && (worst is null || Rank(outcome) > Rank(worst)))
            {
                worst = outcome with { Detail = $"{to}: {outcome.Detail}" };
            }
            worst ??= outcome;
        }
        return worst ?? DeliveryOutcome.Delivered();
    }

    // Retrying can still reach everyone; a refusal cannot be undone by retrying.
    private static int Rank(DeliveryOutcome outcome) => outcome.Result switch
    {
        DeliveryResult.Delivered => 0,
        DeliveryResult.Rejected => 1,
        _ => 2,
    };
}
