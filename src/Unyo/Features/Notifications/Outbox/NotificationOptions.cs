using Unyo.Hosting;

namespace Unyo.Features.Notifications.Outbox;

// How notifications are sent: UNYO_PUBLIC_URL (the address people open links at, in messages),
// UNYO_NOTIFY_RETRY_FOR (how long a failing notification is retried before it is dead-lettered),
// UNYO_NOTIFY_TIMEOUT (one attempt), UNYO_NOTIFY_CONCURRENCY (sends at once per node), and
// UNYO_NOTIFY_SEND=false for a node that takes alerts but leaves sending to the others.
public sealed record NotificationOptions(Uri PublicUrl, TimeSpan RetryFor, TimeSpan Timeout, int Concurrency, bool Send)
{
    public static NotificationOptions From(IConfiguration configuration, UnyoSettings settings)
    {
        var publicUrl = configuration["UNYO_PUBLIC_URL"] ?? settings.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries)[0];
        if (!Uri.TryCreate(publicUrl.TrimEnd('/') + "/", UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new InvalidOperationException($"UNYO_PUBLIC_URL must be an http or https URL (got '{publicUrl}')");
        }
        return new NotificationOptions(
            url,
            Durations.Setting(configuration, "UNYO_NOTIFY_RETRY_FOR", TimeSpan.FromHours(24), TimeSpan.FromMinutes(1), TimeSpan.FromDays(7)),
            Durations.Setting(configuration, "UNYO_NOTIFY_TIMEOUT", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(2)),
            int.TryParse(configuration["UNYO_NOTIFY_CONCURRENCY"], out var concurrency) && concurrency is >= 1 and <= 256 ? concurrency : 32,
            !string.Equals(configuration["UNYO_NOTIFY_SEND"], "false", StringComparison.OrdinalIgnoreCase));
    }
}
