using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Unyo.Features.Accounts;

public static class ApiTokenSecrets
{
    private const string Marker = "unyo_";

    // `unyo_` + 256 random bits; the marker lets secret scanners recognise leaked tokens.
    public static string Generate() => Marker + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static string PrefixOf(string secret) => secret[..Math.Min(12, secret.Length)];
}
