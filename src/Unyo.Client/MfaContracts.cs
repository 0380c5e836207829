namespace Unyo.Client;

/// <summary>Whether the calling user has a second factor.</summary>
/// <param name="Enabled">True once a TOTP authenticator is confirmed; sign-in then asks for a code.</param>
/// <param name="Pending">True while an enrolment waits for its first code.</param>
/// <param name="RecoveryCodesLeft">Unused recovery codes.</param>
/// <param name="Required">True when the organisation's MFA policy requires a second factor of this user.</param>
public sealed record MfaStatusResponse(bool Enabled, bool Pending, int RecoveryCodesLeft, bool Required);

/// <summary>A started TOTP enrolment: add it to an authenticator app, then confirm with a code.</summary>
/// <param name="Secret">The shared secret in base 32, for typing into an app.</param>
/// <param name="OtpauthUri">The <c>otpauth://totp/…</c> URI that the QR code holds.</param>
/// <param name="QrCodeSvg">The QR code of <paramref name="OtpauthUri"/> as an SVG document.</param>
public sealed record TotpEnrolmentResponse(string Secret, string OtpauthUri, string QrCodeSvg);

/// <summary>A current code from the authenticator app, or an unused recovery code.</summary>
public sealed record MfaCodeRequest
{
    /// <summary>Six digits from the authenticator app, or a recovery code (where allowed).</summary>
    public string? Code { get; init; }
}

/// <summary>New recovery codes: shown only here, once; Unyo keeps only their hashes. Each works once.</summary>
/// <param name="RecoveryCodes">The codes.</param>
public sealed record RecoveryCodesResponse(IReadOnlyList<string> RecoveryCodes);

/// <summary>Who must have a second factor: <c>none</c>, <c>admins</c> (owners and admins) or <c>everyone</c>.</summary>
public sealed record MfaPolicyRequest
{
    /// <summary>none, admins or everyone.</summary>
    public string? Policy { get; init; }
}

/// <summary>The organisation's MFA policy.</summary>
/// <param name="Policy">none, admins or everyone.</param>
public sealed record MfaPolicyResponse(string Policy);
