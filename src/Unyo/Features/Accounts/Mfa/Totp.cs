using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Unyo.Features.Accounts.Mfa;

// RFC 6238 time-based one-time passwords as authenticator apps make them: HMAC-SHA1, 30-second
// steps, 6 digits. Written out here rather than taken from a package: it is short, and the RFC's
// test vectors pin it down (tests/Unyo.Tests/Accounts/TotpTests.cs).
public static class Totp
{
    public const int Digits = 6;
    public const int StepSeconds = 30;
    // A code of the step before or after now is accepted too: phone clocks drift, people type slowly.
    public const int Window = 1;

    public static long StepAt(DateTimeOffset time) => time.ToUnixTimeSeconds() / StepSeconds;

    // RFC 4226 section 5.3: dynamic truncation of the HMAC of the big-endian counter.
    public static string Code(ReadOnlySpan<byte> key, long step, int digits = Digits)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> hash = stackalloc byte[HMACSHA1.HashSizeInBytes];
        HMACSHA1.HashData(key, counter, hash);
        var offset = hash[^1] & 0x0f;
        var binary = BinaryPrimitives.ReadInt32BigEndian(hash[offset..]) & 0x7fffffff;
        var modulus = (int)Math.Pow(10, digits);
        return (binary % modulus).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(digits, '0');
    }

    // The step whose code this is, within the window around now and later than the last step
    // already accepted (a code works once); null when it matches none.
    public static long? Match(ReadOnlySpan<byte> key, string code, DateTimeOffset now, long lastUsedStep)
    {
        if (code.Length != Digits || !code.All(char.IsAsciiDigit))
        {
            return null;
        }
        var current = StepAt(now);
        long? matched = null;
        // Every candidate is computed and compared in constant time, so timing tells nothing.
        for (var step = current - Window; step <= current + Window; step++)
        {
            var equal = CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.ASCII.GetBytes(Code(key, step)), System.Text.Encoding.ASCII.GetBytes(code));
            if (equal && step > lastUsedStep && matched is null)
            {
                matched = step;
            }
        }
        return matched;
    }
}
