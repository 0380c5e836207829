namespace Unyo.Features.Maintenance;

// Turns the wall-clock start of a recurring window into an instant. Recurrence rules run on the
// local clock (a window at 02:00 stays at 02:00 through summer time), and the two hours a year
// that clock does not tick once are decided here, as RFC 5545 (3.3.5) decides them:
// - a start in the hour skipped in spring is read with the offset before the gap, so 02:30 on
//   the last Sunday of March in Berlin happens at 03:30 CEST, as long after the gap as it was meant
//   to be into it;
// - a start in the hour repeated in autumn happens once, the first time (the summer offset).
public static class WallClock
{
    public static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        TimeSpan offset;
        if (zone.IsInvalidTime(local))
        {
            // The offset in force just before the gap: gaps are whole quarter hours long.
            var before = local;
            do
            {
                before = before.AddMinutes(-15);
            }
            while (zone.IsInvalidTime(before));
            offset = zone.GetUtcOffset(before);
        }
        else if (zone.IsAmbiguousTime(local))
        {
            offset = zone.GetAmbiguousTimeOffsets(local).Max();
        }
        else
        {
            offset = zone.GetUtcOffset(local);
        }
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    public static DateTime ToLocal(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateTime.SpecifyKind(TimeZoneInfo.ConvertTime(instant, zone).DateTime, DateTimeKind.Unspecified);
}
