namespace Unyo.Features.Accounts.Mfa;

// What an admin's reset of someone's second factor came to; the API and the People page each
// answer it in their own way.
public enum MfaResetOutcome
{
    Reset,
    UnknownUser,
    OwnersOnly,
}
