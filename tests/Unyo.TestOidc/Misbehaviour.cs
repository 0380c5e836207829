namespace Unyo.TestOidc;

// Ways the next ID token can be wrong, for tests that Unyo refuses each one.
public enum Misbehaviour
{
    None,
    // Signed with a key the JWKS does not hold (its kid is unknown even after a refetch).
    UnknownKey,
    WrongAudience,
    WrongNonce,
    Expired,
    WrongIssuer,
    // Two audiences (Unyo's client id among them) and no azp.
    ExtraAudienceWithoutAzp,
}
