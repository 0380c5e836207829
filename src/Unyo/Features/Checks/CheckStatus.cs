namespace Unyo.Features.Checks;

public enum CheckStatus
{
    // No result yet.
    Pending,
    Up,
    Degraded,
    Down,
    Paused,
}

public static class CheckStatusNames
{
    public static string ToName(this CheckStatus status) => status.ToString().ToLowerInvariant();
}
