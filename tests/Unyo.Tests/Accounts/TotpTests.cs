using System.Text;
using Unyo.Features.Accounts.Mfa;

namespace Unyo.Tests.Accounts;

public sealed class TotpTests
{
    private static readonly byte[] RfcKey = Encoding.ASCII.GetBytes("12345678901234567890");

    // RFC 6238 appendix B, the SHA-1 column (8 digits).
    [Theory]
    [InlineData(59L, "94287082")]
    [InlineData(1111111109L, "07081804")]
    [InlineData(1111111111L, "14050471")]
    [InlineData(1234567890L, "89005924")]
    [InlineData(2000000000L, "69279037")]
    [InlineData(20000000000L, "65353130")]
    public void CodesMatchTheRfc6238TestVectors(long unixSeconds, string expected)
    {
        var step = Totp.StepAt(DateTimeOffset.FromUnixTimeSeconds(unixSeconds));

        Assert.Equal(expected, Totp.Code(RfcKey, step, digits: 8));
        Assert.Equal(expected[2..], Totp.Code(RfcKey, step));
    }

    [Fact]
    public void ACodeFromOneStepEitherSideIsAcceptedButNotFromTwo()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1234567890);
        var step = Totp.StepAt(now);

        Assert.Equal(step, Totp.Match(RfcKey, Totp.Code(RfcKey, step), now, lastUsedStep: 0));
        Assert.Equal(step - 1, Totp.Match(RfcKey, Totp.Code(RfcKey, step - 1), now, lastUsedStep: 0));
        Assert.Equal(step + 1, Totp.Match(RfcKey, Totp.Code(RfcKey, step + 1), now, lastUsedStep: 0));
        Assert.Null(Totp.Match(RfcKey, Totp.Code(RfcKey, step - 2), now, lastUsedStep: 0));
        Assert.Null(Totp.Match(RfcKey, Totp.Code(RfcKey, step + 2), now, lastUsedStep: 0));
    }

    [Fact]
    public void ACodeAtOrBeforeTheLastAcceptedStepIsRefused()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1234567890);
        var step = Totp.StepAt(now);
        var code = Totp.Code(RfcKey, step);

        Assert.Null(Totp.Match(RfcKey, code, now, lastUsedStep: step));
        Assert.Null(Totp.Match(RfcKey, Totp.Code(RfcKey, step - 1), now, lastUsedStep: step));
        Assert.Equal(step + 1, Totp.Match(RfcKey, Totp.Code(RfcKey, step + 1), now, lastUsedStep: step));
        Assert.Equal(step, Totp.Match(RfcKey, code, now.AddSeconds(Totp.StepSeconds), lastUsedStep: step - 1));
    }

    [Theory]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12a456")]
    [InlineData("١٢٣٤٥٦")]
    public void MalformedCodesMatchNothing(string code) =>
        Assert.Null(Totp.Match(RfcKey, code, DateTimeOffset.FromUnixTimeSeconds(1234567890), lastUsedStep: 0));

    // RFC 4648 section 10, without padding as authenticator apps take it.
    [Theory]
    [InlineData("", "")]
    [InlineData("f", "MY")]
    [InlineData("fo", "MZXQ")]
    [InlineData("foo", "MZXW6")]
    [InlineData("foob", "MZXW6YQ")]
    [InlineData("fooba", "MZXW6YTB")]
    [InlineData("foobar", "MZXW6YTBOI")]
    public void Base32MatchesTheRfc4648TestVectors(string data, string encoded)
    {
        Assert.Equal(encoded, Base32.Encode(Encoding.ASCII.GetBytes(data)));
        Assert.Equal(data, Encoding.ASCII.GetString(Base32.Decode(encoded.ToLowerInvariant() + "======")));
    }

    [Fact]
    public void TheOtpauthUriNamesTheAccountIssuerAndParameters()
    {
        var enrolment = TotpQrCode.Enrolment("rin+ops@example.com", RfcKey);

        Assert.Equal("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", enrolment.Secret);
        Assert.Equal("otpauth://totp/Unyo:rin%2Bops%40example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Unyo&algorithm=SHA1&digits=6&period=30", enrolment.OtpauthUri);
        Assert.StartsWith("<svg", enrolment.QrCodeSvg, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", enrolment.QrCodeSvg, StringComparison.OrdinalIgnoreCase);
    }
}
