using System.Security.Cryptography;
using System.Text;

namespace Unyo.Features.Notifications.Channels.Senders;

// X-Unyo-Signature: `v1=` + hex HMAC-SHA256 over `{timestamp}.{body}` with the channel's signing
// secret. The timestamp inside the signed text lets a receiver refuse replays of old deliveries.
public static class WebhookSignature
{
    public static string Compute(string secret, long timestamp, string body) =>
        "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));
}
