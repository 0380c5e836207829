namespace Unyo.Features.Notifications.Personal;

// The organisation's Twilio-compatible phone provider, for people's SMS and voice contact
// methods: UNYO_PHONE_BASE_URL (default Twilio's), UNYO_PHONE_ACCOUNT_SID, UNYO_PHONE_AUTH_TOKEN,
// UNYO_PHONE_FROM. Null when not configured: SMS and voice pages are then refused (and say why).
public sealed record PhoneProviderOptions(string BaseUrl, string AccountSid, string AuthToken, string From)
{
    public static PhoneProviderOptions? Read(IConfiguration configuration)
    {
        var sid = configuration["UNYO_PHONE_ACCOUNT_SID"];
        var token = configuration["UNYO_PHONE_AUTH_TOKEN"];
        var from = configuration["UNYO_PHONE_FROM"];
        if (string.IsNullOrWhiteSpace(sid) || string.IsNullOrWhiteSpace(token) || string.IsNullOrWhiteSpace(from))
        {
            return null;
        }
        var baseUrl = configuration["UNYO_PHONE_BASE_URL"];
        return new PhoneProviderOptions(string.IsNullOrWhiteSpace(baseUrl) ? Channels.Senders.TwilioSender.DefaultBaseUrl : baseUrl, sid, token, from);
    }
}

// Holds the options, or null when no provider is configured (DI registers no null instances).
public sealed record PhoneProvider(PhoneProviderOptions? Options);
