using System.Security.Cryptography;
using System.Text;

namespace Unyo.Features.Checks;

// Heartbeat ping tokens: 128 random bits, URL-safe. Looked up by hash, so a database reader
// cannot ping; kept sealed as well, because the team needs to read its ping URL again.
public static class PingTokens
{
    public static string New() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static bool LooksValid(string token) => token.Length is >= 16 and <= 64 && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
