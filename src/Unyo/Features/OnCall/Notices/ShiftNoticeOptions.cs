using Unyo.Hosting;

namespace Unyo.Features.OnCall.Notices;

// UNYO_ONCALL_NOTICE_LEAD: how long before a shift starts its person is told (default 1 hour, up
// to 7 days); 0 turns "your shift starts" notices off. The weekly digest is not affected.
public sealed record ShiftNoticeOptions(TimeSpan Lead)
{
    public const string Setting = "UNYO_ONCALL_NOTICE_LEAD";
    public static readonly TimeSpan DefaultLead = TimeSpan.FromHours(1);

    // A bare "0" is how people write "off"; Durations wants a unit everywhere else.
    public static ShiftNoticeOptions From(IConfiguration configuration) =>
        configuration[Setting]?.Trim() == "0"
            ? new(TimeSpan.Zero)
            : new(Durations.Setting(configuration, Setting, DefaultLead, TimeSpan.Zero, TimeSpan.FromDays(7)));
}
