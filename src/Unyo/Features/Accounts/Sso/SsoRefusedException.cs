namespace Unyo.Features.Accounts.Sso;

// Ends a single sign-on attempt. Reason is precise and goes to the audit log; Shown is one of
// the few messages the sign-in page has, which tell a stranger nothing about why.
public sealed class SsoRefusedException(string reason, string shown = SsoRefusedException.Failed) : Exception(reason)
{
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";
    public const string NoAccount = "no-account";
    public const string Disabled = "disabled";

    public string Reason { get; } = reason;
    public string Shown { get; } = shown;
}
