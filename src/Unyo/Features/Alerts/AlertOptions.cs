using Unyo.Hosting;

namespace Unyo.Features.Alerts;

// How the pipeline treats alerts: UNYO_ALERT_GROUP_WINDOW (alerts of one service with the same
// group key opened within it become one notification; 0 turns grouping off).
public sealed record AlertOptions(TimeSpan GroupWindow)
{
    public static readonly TimeSpan DefaultGroupWindow = TimeSpan.FromMinutes(5);

    public static AlertOptions From(IConfiguration configuration) =>
        new(Durations.Setting(configuration, "UNYO_ALERT_GROUP_WINDOW", DefaultGroupWindow, TimeSpan.Zero, TimeSpan.FromHours(24)));
}
