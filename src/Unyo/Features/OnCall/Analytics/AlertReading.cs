using Unyo.Features.Alerts;

namespace Unyo.Features.OnCall.Analytics;

// How analytics read an alert's timeline.
public static class AlertReading
{
    // The actor Unyo's pipeline writes when it acts by itself (auto-resolve after silence).
    public const string Unyo = "unyo";

    // Acknowledged, then resolved (by anyone, Unyo included) with no note, reassignment or snooze
    // between the first acknowledgement and the first resolution after it: someone said "mine"
    // and then nothing happened until it went away. `kinds` is the timeline in order.
    public static bool AcknowledgedWithoutAction(IReadOnlyList<AlertTimelineKind> kinds)
    {
        var acknowledged = false;
        foreach (var kind in kinds)
        {
            if (!acknowledged)
            {
                acknowledged = kind == AlertTimelineKind.Acknowledged;
                continue;
            }
            switch (kind)
            {
                case AlertTimelineKind.Note or AlertTimelineKind.Reassigned or AlertTimelineKind.Snoozed:
                    return false;
                case AlertTimelineKind.Resolved or AlertTimelineKind.AutoResolved:
                    return true;
            }
        }
        return false;
    }
}
