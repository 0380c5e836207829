namespace Unyo.Features.Accounts.Pages;

// After sign-in we only follow paths on this site: `//evil.example` and `/\evil.example` are
// read by browsers as other hosts, so they are refused like absolute URLs.
public static class ReturnUrls
{
    public const string Default = "/services";

    public static string Safe(string? returnUrl) =>
        IsLocal(returnUrl) ? returnUrl! : Default;

    public static bool IsLocal(string? url) =>
        url is { Length: > 0 }
        && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl);
}
