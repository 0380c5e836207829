namespace Unyo.Features.Checks;

public enum CheckType
{
    Http,
    Tcp,
    Tls,
    Dns,
    // Pushed, not probed: jobs call /ping/{token}; a missed period plus grace is down.
    Heartbeat,
}

public static class CheckTypeNames
{
    public static string ToName(this CheckType type) => type.ToString().ToLowerInvariant();

    public static bool TryParse(string? value, out CheckType type) =>
        Enum.TryParse(value, ignoreCase: true, out type) && Enum.IsDefined(type) && !int.TryParse(value, out _);
}
