using System.Diagnostics;
using Unyo.Client;
using Unyo.Features.Maintenance;
using Unyo.Hosting;

namespace Unyo.Tests.Maintenance;

// Recurring windows follow the wall clock of their time zone: the hour after a daylight-saving
// change is an hour later or earlier in UTC, a start in the skipped hour still happens, a start in
// the repeated hour happens once.
public sealed class RecurrenceTests
{
    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    private static MaintenanceSchedule Valid(MaintenanceWindowSchedule schedule)
    {
        var errors = new ValidationErrors();
        var result = MaintenanceScheduleValidator.Validate(schedule, errors);
        Assert.True(errors.IsEmpty, string.Join("; ", errors.All.Select(e => $"{e.Field}: {e.Message}")));
        return result!;
    }

    private static List<(DateTimeOffset Start, DateTimeOffset End)> Occurrences(MaintenanceSchedule schedule, DateTimeOffset from, DateTimeOffset to) =>
        [.. new WindowOccurrences("w", "t", true, schedule, []).Between(from, to).Select(o => (o.Start, o.End))];

    [Fact]
    public void AWeeklyRruleKeepsTwoOClockInBerlinAcrossTheSpringChange()
    {
        var schedule = Valid(new() { Rrule = "FREQ=WEEKLY;BYDAY=TU;BYHOUR=2", Start = "2026-03-17T00:00", Duration = "2h", TimeZone = "Europe/Berlin" });

        var found = Occurrences(schedule, Utc(3, 1, 0), Utc(4, 8, 0));

        // 02:00 CET is 01:00 UTC; from 29 March, 02:00 CEST is 00:00 UTC.
        Assert.Equal([(Utc(3, 17, 1), Utc(3, 17, 3)), (Utc(3, 24, 1), Utc(3, 24, 3)), (Utc(3, 31, 0), Utc(3, 31, 2)), (Utc(4, 7, 0), Utc(4, 7, 2))], found);
    }

    [Fact]
    public void AStartInTheSkippedHourHappensAsLateAfterTheGap()
    {
        var schedule = Valid(new() { Rrule = "FREQ=WEEKLY;BYDAY=SU", Start = "2026-03-22T02:30", Duration = "1h", TimeZone = "Europe/Berlin" });

        var found = Occurrences(schedule, Utc(3, 20, 0), Utc(4, 6, 0));

        // 29 March has no 02:30 in Berlin: it happens at 03:30 CEST (01:30 UTC), the hour it would have been.
        Assert.Equal([(Utc(3, 22, 1, 30), Utc(3, 22, 2, 30)), (Utc(3, 29, 1, 30), Utc(3, 29, 2, 30)), (Utc(4, 5, 0, 30), Utc(4, 5, 1, 30))], found);
    }

    [Fact]
    public void AStartInTheRepeatedHourHappensOnceTheFirstTime()
    {
        var schedule = Valid(new() { Rrule = "FREQ=DAILY", Start = "2026-10-24T02:30", Duration = "30m", TimeZone = "Europe/Berlin" });

        var found = Occurrences(schedule, Utc(10, 24, 0), Utc(10, 27, 0));

        // 25 October passes 02:30 twice (CEST, then CET): the window is the first, 00:30 UTC.
        Assert.Equal([Utc(10, 24, 0, 30), Utc(10, 25, 0, 30), Utc(10, 26, 1, 30)], found.Select(o => o.Start));
    }

    [Fact]
    public void ACronWindowInNewYorkFollowsBothChanges()
    {
        var spring = Valid(new() { Cron = "30 2 * * *", Duration = "1h", TimeZone = "America/New_York" });
        var autumn = Valid(new() { Cron = "30 1 * * *", Duration = "20m", TimeZone = "America/New_York" });

        // 8 March 2026 skips 02:00-03:00: 02:30 becomes 03:30 EDT, 07:30 UTC as the day before.
        Assert.Equal([Utc(3, 7, 7, 30), Utc(3, 8, 7, 30), Utc(3, 9, 6, 30)], Occurrences(spring, Utc(3, 7, 0), Utc(3, 10, 0)).Select(o => o.Start));
        // 1 November 2026 repeats 01:00-02:00: 01:30 happens once, in EDT (05:30 UTC).
        Assert.Equal([Utc(10, 31, 5, 30), Utc(11, 1, 5, 30), Utc(11, 2, 6, 30)], Occurrences(autumn, Utc(10, 31, 0), Utc(11, 3, 0)).Select(o => o.Start));
    }

    [Fact]
    public void UntilEndsTheSeriesAndOccurrencesInProgressAreFound()
    {
        var schedule = Valid(new() { Rrule = "FREQ=DAILY;BYHOUR=22", Start = "2026-05-01T00:00", Duration = "4h", Until = "2026-05-04T00:00:00Z" });

        var found = Occurrences(schedule, Utc(5, 2, 0), Utc(5, 30, 0));

        // The one that began on 1 May at 22:00 is still under way at midnight; 4 May's starts after until.
        Assert.Equal([Utc(5, 1, 22), Utc(5, 2, 22), Utc(5, 3, 22)], found.Select(o => o.Start));
    }

    [Fact]
    public void AnHourlyRuleOverYearsIsCappedAndQuick()
    {
        var schedule = Valid(new() { Rrule = "FREQ=HOURLY", Start = "2020-01-01T00:00", Duration = "10m" });
        var clock = Stopwatch.StartNew();

        var found = Occurrences(schedule, Utc(1, 1, 0), Utc(1, 1, 0).AddYears(3));

        Assert.InRange(found.Count, 1000, WindowOccurrences.MaxPerRead);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
        Assert.Equal(Utc(1, 1, 0), found[0].Start);
    }

    [Theory]
    [InlineData("rrule", "FREQ=MINUTELY", "1h", "schedule.rrule", "FREQ=MINUTELY is not allowed")]
    [InlineData("rrule", "FREQ=HOURLY;BYMINUTE=0,30", "10m", "schedule.rrule", "30m apart")]
    [InlineData("cron", "*/5 * * * *", "1m", "schedule.cron", "5m apart")]
    [InlineData("rrule", "FREQ=DAILY", "25h", "schedule.duration", "occurrences must not overlap")]
    [InlineData("rrule", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "1h", "schedule.rrule", "never happens")]
    [InlineData("rrule", "FREQ=WEEKLY;UNTIL=20261231T000000Z", "1h", "schedule.rrule", "schedule.until")]
    [InlineData("rrule", "FREQ=WEEKLY;BYDAY=XX", "1h", "schedule.rrule", "cannot be read")]
    [InlineData("cron", "0 25 * * *", "1h", "schedule.cron", "cannot be read")]
    [InlineData("cron", "0 2 * *", "1h", "schedule.cron", "5 fields")]
    public void RulesThatRecurTooOftenOverlapOrNeverHappenAreRefused(string kind, string rule, string duration, string field, string message)
    {
        var errors = new ValidationErrors();
        var clock = Stopwatch.StartNew();

        var schedule = MaintenanceScheduleValidator.Validate(
            new() { Rrule = kind == "rrule" ? rule : null, Cron = kind == "cron" ? rule : null, Start = "2026-01-05T00:00", Duration = duration }, errors);

        Assert.Null(schedule);
        Assert.True(errors.ToDictionary().TryGetValue(field, out var messages), string.Join("; ", errors.All));
        Assert.Contains(messages, m => m.Contains(message, StringComparison.Ordinal));
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
    }

    [Theory]
    [InlineData("2026-03-01T22:00:00", "2026-03-02T02:00:00Z", null, "schedule.start")]
    [InlineData("2026-03-01T22:00:00Z", "2026-03-01T21:00:00Z", null, "schedule.end")]
    [InlineData("2026-03-01T22:00:00Z", "2026-07-01T22:00:00Z", null, "schedule.end")]
    [InlineData("2026-03-01T22:00:00Z", "2026-03-02T02:00:00Z", "2h", "schedule.duration")]
    [InlineData("2026-03-01T22:00:00Z", null, null, "schedule.end")]
    public void OneOffWindowsNeedTwoInstantsInOrder(string? start, string? end, string? duration, string field)
    {
        var errors = new ValidationErrors();

        MaintenanceScheduleValidator.Validate(new() { Start = start, End = end, Duration = duration }, errors);

        Assert.Equal([field], errors.ToDictionary().Keys);
    }

    [Fact]
    public void AnOccurrenceEndedEarlyIsCutAndTheNextOneIsWhole()
    {
        var schedule = Valid(new() { Cron = "0 2 * * *", Duration = "2h" });
        var occurrences = new WindowOccurrences("w", "t", true, schedule, [(Utc(6, 1, 2), Utc(6, 1, 2, 45))]);

        var found = occurrences.Between(Utc(6, 1, 0), Utc(6, 3, 0));

        Assert.Equal([(Utc(6, 1, 2), Utc(6, 1, 2, 45), true), (Utc(6, 2, 2), Utc(6, 2, 4), false)], found.Select(o => (o.Start, o.End, o.EndedEarly)));
        Assert.Null(occurrences.ActiveAt(Utc(6, 1, 3)));
        Assert.Equal(Utc(6, 2, 2), occurrences.NextAfter(Utc(6, 1, 3))!.Start);
    }

    [Theory]
    [InlineData("90m", 90, "1h30m")]
    [InlineData("2h", 120, "2h")]
    [InlineData("1d12h", 2160, "1d12h")]
    public void DurationsReadAndWriteInTheirShortestForm(string text, int minutes, string canonical)
    {
        Assert.True(Durations.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMinutes(minutes), duration);
        Assert.Equal(canonical, Durations.Format(duration));
        Assert.False(Durations.TryParse("2 hours", out _));
    }
}
