using System.Security.Cryptography;
using System.Text;

namespace Unyo.Features.Checks;

// Heartbeat ping tokens: 128 random bits, URL-safe. Looked up by hash, so a database reader
// cannot ping; kept sealed as well, because the team needs to read its ping URL again.
public static class PingTokens
{
    public static string New() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    // A new token for the check; the old one (if any) stops working once this is saved.
    public static string Assign(Check check, Hosting.SecretBox secrets)
    {
        var token = New();
        check.PingTokenHash = Hash(token);
        check.PingTokenSealed = secrets.Seal(token);
        return token;
    }

    // After a write of the check's definition: a heartbeat keeps its token (or gets its first),
    // any other type has none.
    public static void Fit(Check check, Hosting.SecretBox secrets)
    {
        if (check.Type != CheckType.Heartbeat)
        {
            check.PingTokenHash = null;
            check.PingTokenSealed = null;
        }
        else if (check.PingTokenHash is null)
        {
            Assign(check, secrets);
        }
    }

    public static bool LooksValid(string token) => token.Length is >= 16 and <= 64 && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
