using System.Security.Cryptography;
using System.Text;

namespace Unyo.Features.Alerts;

// Integration keys: 32 lowercase hex characters, the shape of a PagerDuty routing key, so tools
// that check the shape accept them. Looked up by hash; sealed as well so owners can read them again.
public static class IntegrationKeys
{
    public const int Length = 32;

    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(Length / 2));

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    // Anything else cannot be a key: answered 404 without a database read.
    public static bool LooksValid(string? key) => key is { Length: Length } && key.All(char.IsAsciiHexDigitLower);
}
