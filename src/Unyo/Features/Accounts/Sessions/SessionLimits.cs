using System.Globalization;

namespace Unyo.Features.Accounts.Sessions;

// How long a browser session lasts: it ends after IdleTimeout without a request, and after
// AbsoluteTimeout whatever happens. UNYO_SESSION_IDLE_TIMEOUT and UNYO_SESSION_ABSOLUTE_TIMEOUT
// take a TimeSpan ("08:00:00", "7.00:00:00") or minutes ("480").
public sealed record SessionLimits(TimeSpan IdleTimeout, TimeSpan AbsoluteTimeout)
{
    public static readonly TimeSpan DefaultIdle = TimeSpan.FromHours(12);
    public static readonly TimeSpan DefaultAbsolute = TimeSpan.FromDays(7);

    // Last-seen is written at most this often, so browsing does not write on every request.
    public static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    public static SessionLimits From(IConfiguration configuration)
    {
        var idle = Read(configuration, "UNYO_SESSION_IDLE_TIMEOUT", DefaultIdle);
        var absolute = Read(configuration, "UNYO_SESSION_ABSOLUTE_TIMEOUT", DefaultAbsolute);
        if (idle > absolute)
        {
            throw new InvalidOperationException($"UNYO_SESSION_IDLE_TIMEOUT ({idle}) is longer than UNYO_SESSION_ABSOLUTE_TIMEOUT ({absolute}); the idle timeout would never apply.");
        }
        return new SessionLimits(idle, absolute);
    }

    private static TimeSpan Read(IConfiguration configuration, string key, TimeSpan fallback)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }
        var value = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) ? TimeSpan.FromMinutes(minutes)
            : TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) ? span
            : throw new InvalidOperationException($"{key} '{text}' is not a duration: give minutes (480) or a TimeSpan (08:00:00, 7.00:00:00).");
        return value >= TimeSpan.FromMinutes(1) ? value
            : throw new InvalidOperationException($"{key} '{text}' is shorter than one minute.");
    }
}
