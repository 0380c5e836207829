namespace Unyo.Features.Alerts.Silences;

public enum SilenceState
{
    // Not started yet.
    Pending,
    Active,
    // Ended, on time or early.
    Expired,
}

public static class SilenceStates
{
    public static SilenceState At(DateTimeOffset startsAt, DateTimeOffset effectiveEnd, DateTimeOffset now) =>
        effectiveEnd <= now ? SilenceState.Expired : startsAt > now ? SilenceState.Pending : SilenceState.Active;

    public static string ToName(this SilenceState state) => state.ToString().ToLowerInvariant();
}
