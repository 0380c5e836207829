namespace Unyo.Features.Accounts.Sessions;

// "Firefox on Linux" from a User-Agent header: enough for a person to recognise their own
// browsers in the session list. Unknown agents are shown as they came, shortened.
public static class DeviceName
{
    private static readonly (string Token, string Name)[] Browsers =
    [
        ("Edg/", "Edge"), ("OPR/", "Opera"), ("Firefox/", "Firefox"), ("Chromium/", "Chromium"),
        ("HeadlessChrome/", "Headless Chrome"), ("Chrome/", "Chrome"), ("Safari/", "Safari"), ("curl/", "curl"),
    ];

    private static readonly (string Token, string Name)[] Systems =
    [
        ("Android", "Android"), ("iPhone", "iOS"), ("iPad", "iPadOS"), ("Windows", "Windows"),
        ("Mac OS X", "macOS"), ("CrOS", "ChromeOS"), ("Linux", "Linux"),
    ];

    public static string From(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return "Unknown device";
        }
        var browser = Browsers.FirstOrDefault(b => userAgent.Contains(b.Token, StringComparison.Ordinal)).Name;
        var system = Systems.FirstOrDefault(s => userAgent.Contains(s.Token, StringComparison.Ordinal)).Name;
        return (browser, system) switch
        {
            (not null, not null) => $"{browser} on {system}",
            (not null, null) => browser,
            (null, not null) => $"A browser on {system}",
            _ => userAgent.Length <= 40 ? userAgent : userAgent[..40] + "…",
        };
    }
}
