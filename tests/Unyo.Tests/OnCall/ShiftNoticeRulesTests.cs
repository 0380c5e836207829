using Microsoft.Extensions.Configuration;
using Unyo.Features.OnCall.Notices;
using Unyo.Features.OnCall.Schedules;

namespace Unyo.Tests.OnCall;

/// The rules shift notices follow that need no database: which Monday a moment belongs to, which
/// stretches make one shift, and how the lead time is read.
public sealed class ShiftNoticeRulesTests
{
    private static readonly Guid Ann = new("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid Bob = new("00000000-0000-0000-0000-00000000000b");

    private static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text + "Z", System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2026-06-01T09:00:00", "2026-06-01T09:00:00")]
    [InlineData("2026-06-01T08:59:59", "2026-05-25T09:00:00")]
    [InlineData("2026-06-07T23:59:59", "2026-06-01T09:00:00")]
    [InlineData("2026-06-03T12:00:00", "2026-06-01T09:00:00")]
    public void TheWeekStartsOnTheLatestMondayAtNineUtc(string now, string expected) =>
        Assert.Equal(Utc(expected), ShiftNotices.WeekStart(Utc(now)));

    [Fact]
    public void ConsecutiveStretchesOfOnePersonAreOneWatchWhateverTheirSource()
    {
        var schedule = new Schedule { Id = Guid.NewGuid(), Name = "primary", TimeZone = "UTC" };
        FinalShift[] shifts =
        [
            new(Ann, Utc("2026-06-01T00:00:00"), Utc("2026-06-01T12:00:00"), "days"),
            new(Ann, Utc("2026-06-01T12:00:00"), Utc("2026-06-01T18:00:00"), FinalSchedule.OverrideSource),
            new(Bob, Utc("2026-06-01T18:00:00"), Utc("2026-06-02T00:00:00"), "days"),
            // A gap, then Ann again: a new shift.
            new(Ann, Utc("2026-06-02T01:00:00"), Utc("2026-06-02T02:00:00"), "days"),
        ];

        var watches = UpcomingWatches.Join(schedule, shifts).ToList();

        Assert.Equal(
            [(Ann, Utc("2026-06-01T00:00:00"), Utc("2026-06-01T18:00:00")), (Bob, Utc("2026-06-01T18:00:00"), Utc("2026-06-02T00:00:00")), (Ann, Utc("2026-06-02T01:00:00"), Utc("2026-06-02T02:00:00"))],
            watches.Select(w => (w.UserId, w.Start, w.End)));
    }

    [Theory]
    [InlineData(null, 60)]
    [InlineData("0", 0)]
    [InlineData("0s", 0)]
    [InlineData("30m", 30)]
    [InlineData("1h30m", 90)]
    public void TheLeadIsReadFromTheSetting(string? text, int minutes)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [ShiftNoticeOptions.Setting] = text }).Build();
        Assert.Equal(TimeSpan.FromMinutes(minutes), ShiftNoticeOptions.From(configuration).Lead);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("8d")]
    public void ABadLeadStopsTheStartNamingTheSetting(string text)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [ShiftNoticeOptions.Setting] = text }).Build();
        var error = Assert.Throws<InvalidOperationException>(() => ShiftNoticeOptions.From(configuration));
        Assert.Contains("UNYO_ONCALL_NOTICE_LEAD", error.Message);
    }
}
