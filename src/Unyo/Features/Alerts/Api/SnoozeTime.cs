using Unyo.Client;
using Unyo.Hosting;

namespace Unyo.Features.Alerts.Api;

// When a snooze ends: `until` or `minutes` from now, one of them, at most a week ahead (a longer
// snooze is a silence, which says why and for whom).
public static class SnoozeTime
{
    public static readonly TimeSpan Longest = TimeSpan.FromDays(7);

    public static DateTimeOffset? Until(SnoozeAlertRequest request, DateTimeOffset now, ValidationErrors errors)
    {
        switch (request)
        {
            case { Until: null, Minutes: null }:
                errors.Add("until", "give until (RFC 3339) or minutes: when the alert should trigger again.");
                return null;
            case { Until: not null, Minutes: not null }:
                errors.Add("minutes", "give until or minutes, not both.");
                return null;
            case { Minutes: { } minutes }:
                if (minutes < 1 || minutes > Longest.TotalMinutes)
                {
                    errors.Add("minutes", $"must be between 1 and {Longest.TotalMinutes:0} (7 days).");
                    return null;
                }
                return now + TimeSpan.FromMinutes(minutes);
            case { Until: { } until }:
                if (until <= now || until - now > Longest)
                {
                    errors.Add("until", "must be in the future and at most 7 days ahead.");
                    return null;
                }
                // Microseconds, as PostgreSQL keeps them, so what is answered is what is stored.
                return until.ToUniversalTime().AddTicks(-(until.UtcTicks % TimeSpan.TicksPerMicrosecond));
        }
        return null;
    }
}
