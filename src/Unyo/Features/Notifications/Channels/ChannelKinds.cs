namespace Unyo.Features.Notifications.Channels;

// The names the API and YAML use for channel kinds and uses, and what each kind keeps secret.
public static class ChannelKinds
{
    public const string SigningSecret = "signingSecret";

    public static string ToName(this ChannelKind kind) => kind.ToString().ToLowerInvariant();

    public static string ToName(this ChannelUse use) => use.ToString().ToLowerInvariant();

    public static ChannelKind? Parse(string? name) =>
        Enum.GetValues<ChannelKind>().Cast<ChannelKind?>().FirstOrDefault(k => k!.Value.ToName() == name);

    public static ChannelUse? ParseUse(string? name) =>
        Enum.GetValues<ChannelUse>().Cast<ChannelUse?>().FirstOrDefault(u => u!.Value.ToName() == name);

    public static string Names => string.Join(", ", Enum.GetValues<ChannelKind>().Select(k => k.ToName()));

    // Chat webhooks get the quiet, low-urgency alerts; everything that reaches a person directly pages.
    public static ChannelUse DefaultUse(this ChannelKind kind) =>
        kind is ChannelKind.Slack or ChannelKind.Teams or ChannelKind.Discord or ChannelKind.Mattermost ? ChannelUse.Chat : ChannelUse.Paging;

    // Write-only settings: a webhook URL is a credential (whoever has it may post).
    public static IReadOnlyList<string> SecretNames(this ChannelKind kind) => kind switch
    {
        ChannelKind.Email => [],
        ChannelKind.Webhook => ["url", SigningSecret],
        ChannelKind.PagerDuty => ["routingKey"],
        ChannelKind.Sms or ChannelKind.Voice => ["authToken"],
        _ => ["url"],
    };

    // A webhook without a signing secret gets a generated one, so every secret but that is required.
    public static IEnumerable<string> RequiredSecrets(this ChannelKind kind) => kind.SecretNames().Where(s => s != SigningSecret);

    public static IReadOnlyList<string> PublicNames(this ChannelKind kind) => kind switch
    {
        ChannelKind.Email => ["to", "cc", "from"],
        ChannelKind.Slack => [],
        ChannelKind.Mattermost or ChannelKind.Discord => ["username"],
        ChannelKind.Teams => ["format"],
        ChannelKind.Webhook => ["headers"],
        ChannelKind.PagerDuty => ["url"],
        _ => ["baseUrl", "accountSid", "from", "to"],
    };
}
