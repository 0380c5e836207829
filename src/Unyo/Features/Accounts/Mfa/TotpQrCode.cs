using QRCoder;
using Unyo.Client;

namespace Unyo.Features.Accounts.Mfa;

// The otpauth URI (Google Authenticator's key URI format) and its QR code, drawn on the server
// as SVG so the page needs no script and no image request.
public static class TotpQrCode
{
    public const string Issuer = "Unyo";

    public static TotpEnrolmentResponse Enrolment(string email, ReadOnlySpan<byte> secret)
    {
        var encoded = Base32.Encode(secret);
        var uri = Uri(email, encoded);
        return new TotpEnrolmentResponse(encoded, uri, Svg(uri));
    }

    public static string Uri(string email, string base32Secret) =>
        $"otpauth://totp/{System.Uri.EscapeDataString(Issuer)}:{System.Uri.EscapeDataString(email)}" +
        $"?secret={base32Secret}&issuer={System.Uri.EscapeDataString(Issuer)}&algorithm=SHA1&digits={Totp.Digits}&period={Totp.StepSeconds}";

    public static string Svg(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        // viewBox sizing lets the stylesheet choose the size; quiet zones keep it scannable on dark backgrounds.
        return new SvgQRCode(data).GetGraphic(4, "#000000", "#ffffff", drawQuietZones: true, SvgQRCode.SizingMode.ViewBoxAttribute);
    }
}
