using Unyo.Features.OnCall.Schedules;

namespace Unyo.Tests.OnCall;

/// Layers, restrictions, overrides and the final schedule, through daylight-saving changes,
/// year ends and zones without summer time. Every expected instant is written out in UTC.
public sealed class ScheduleTests
{
    private static readonly Guid Ann = new("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid Bob = new("00000000-0000-0000-0000-00000000000b");
    private static readonly Guid Cy = new("00000000-0000-0000-0000-00000000000c");
    private static readonly Guid Dee = new("00000000-0000-0000-0000-00000000000d");

    private static TimeZoneInfo Zone(string id) => TimeZoneInfo.FindSystemTimeZoneById(id);

    private static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text + "Z", System.Globalization.CultureInfo.InvariantCulture);

    private static ScheduleLayer Layer(TurnLength turn, string start, params Guid[] users) =>
        new("primary", users, turn, DateTime.Parse(start, System.Globalization.CultureInfo.InvariantCulture), []);

    private static FinalSchedule Final(string zone, string from, string to, IReadOnlyList<Shift>? overrides = null, params ScheduleLayer[] layers) =>
        FinalSchedule.Compute(layers, overrides ?? [], Zone(zone), Utc(from), Utc(to));

    [Fact]
    public void AWeeklyTokyoRotationHandsOverOnMondayAtNineAcrossTheYearEnd()
    {
        // Monday 5 January 2026, 09:00 JST = 00:00 UTC; Tokyo has no summer time.
        var layer = Layer(TurnLength.Weeks(1), "2026-01-05 09:00", Ann, Bob, Cy);

        var shifts = LayerShifts.Between(layer, Zone("Asia/Tokyo"), Utc("2026-12-20 00:00"), Utc("2027-01-12 00:00"));

        // Week 49 (from Monday 14 December) is Bob's, week 50 Cy's, week 51 Ann's, and on into 2027.
        Assert.Equal(
        [
            new Shift(Bob, Utc("2026-12-20 00:00"), Utc("2026-12-21 00:00")),
            new Shift(Cy, Utc("2026-12-21 00:00"), Utc("2026-12-28 00:00")),
            new Shift(Ann, Utc("2026-12-28 00:00"), Utc("2027-01-04 00:00")),
            new Shift(Bob, Utc("2027-01-04 00:00"), Utc("2027-01-11 00:00")),
            new Shift(Cy, Utc("2027-01-11 00:00"), Utc("2027-01-12 00:00")),
        ], shifts);
    }

    [Fact]
    public void ADailyNewYorkHandoffStaysAtNineThroughSpringForwardAndFallBack()
    {
        var layer = Layer(TurnLength.Days(1), "2026-03-01 09:00", Ann, Bob);
        var zone = Zone("America/New_York");

        // 8 March 2026: clocks go from 02:00 EST to 03:00 EDT; the turn that spans it is 23 hours.
        var spring = LayerShifts.Between(layer, zone, Utc("2026-03-07 14:00"), Utc("2026-03-09 13:00"));
        // 1 November 2026: back from 02:00 EDT to 01:00 EST; that turn is 25 hours.
        var autumn = LayerShifts.Between(layer, zone, Utc("2026-10-31 13:00"), Utc("2026-11-02 14:00"));

        Assert.Equal([Utc("2026-03-07 14:00"), Utc("2026-03-08 13:00")], spring.Select(s => s.Start));
        Assert.Equal(TimeSpan.FromHours(23), spring[0].End - spring[0].Start);
        Assert.Equal([Utc("2026-10-31 13:00"), Utc("2026-11-01 14:00")], autumn.Select(s => s.Start));
        Assert.Equal(TimeSpan.FromHours(25), autumn[0].End - autumn[0].Start);
        // 1 March is turn 0 (Ann); 7 March is turn 6 (Ann); 31 October is turn 244 (Ann).
        Assert.Equal([Ann, Bob], spring.Select(s => s.UserId));
        Assert.Equal([Ann, Bob], autumn.Select(s => s.UserId));
    }

    [Fact]
    public void CustomHourTurnsKeepTheirLengthThroughADaylightSavingChange()
    {
        // London: 29 March 2026, 01:00 GMT becomes 02:00 BST.
        var layer = Layer(TurnLength.Hours(12), "2026-03-28 08:00", Ann, Bob);

        var shifts = LayerShifts.Between(layer, Zone("Europe/London"), Utc("2026-03-28 08:00"), Utc("2026-03-30 08:00"));

        Assert.All(shifts, s => Assert.Equal(TimeSpan.FromHours(12), s.End - s.Start));
        Assert.Equal([Ann, Bob, Ann, Bob], shifts.Select(s => s.UserId));
        Assert.Equal(Utc("2026-03-29 20:00"), shifts[^1].Start);
    }

    [Fact]
    public void BusinessHoursFollowTheLocalClockAcrossTheLondonChange()
    {
        var layer = Layer(TurnLength.Weeks(1), "2026-03-23 09:00", Ann) with
        {
            Restrictions = [Restriction.Daily(new TimeOnly(9, 0), new TimeOnly(17, 0), [DayOfWeek.Friday, DayOfWeek.Monday])],
        };

        var shifts = LayerShifts.Between(layer, Zone("Europe/London"), Utc("2026-03-27 00:00"), Utc("2026-03-31 00:00"));

        // Friday in GMT (09:00 = 09:00 UTC), Monday in BST (09:00 = 08:00 UTC).
        Assert.Equal(
        [
            new Shift(Ann, Utc("2026-03-27 09:00"), Utc("2026-03-27 17:00")),
            new Shift(Ann, Utc("2026-03-30 08:00"), Utc("2026-03-30 16:00")),
        ], shifts);
    }

    [Fact]
    public void ANightRestrictionRunsIntoTheNextDayAndSpansHandoffs()
    {
        // Daily handoff at 00:00 in Tokyo, on call only 22:00 to 06:00: each night belongs to two
        // turns, split at midnight.
        var layer = Layer(TurnLength.Days(1), "2026-06-01 00:00", Ann, Bob) with
        {
            Restrictions = [Restriction.Daily(new TimeOnly(22, 0), new TimeOnly(6, 0))],
        };

        var shifts = LayerShifts.Between(layer, Zone("Asia/Tokyo"), Utc("2026-06-01 12:00"), Utc("2026-06-02 22:00"));

        Assert.Equal(
        [
            new Shift(Ann, Utc("2026-06-01 13:00"), Utc("2026-06-01 15:00")),
            new Shift(Bob, Utc("2026-06-01 15:00"), Utc("2026-06-01 21:00")),
            new Shift(Bob, Utc("2026-06-02 13:00"), Utc("2026-06-02 15:00")),
            new Shift(Ann, Utc("2026-06-02 15:00"), Utc("2026-06-02 21:00")),
        ], shifts);
    }

    [Fact]
    public void AWeeklySpanRestrictionCoversMondayMorningToFridayEvening()
    {
        var layer = Layer(TurnLength.Weeks(1), "2026-06-01 09:00", Ann) with
        {
            Restrictions = [Restriction.Weekly(DayOfWeek.Monday, new TimeOnly(9, 0), DayOfWeek.Friday, new TimeOnly(17, 0))],
        };

        var shifts = LayerShifts.Between(layer, Zone("Asia/Tokyo"), Utc("2026-06-01 00:00"), Utc("2026-06-15 00:00"));

        Assert.Equal(
        [
            new Shift(Ann, Utc("2026-06-01 00:00"), Utc("2026-06-05 08:00")),
            new Shift(Ann, Utc("2026-06-08 00:00"), Utc("2026-06-12 08:00")),
        ], shifts);
    }

    [Fact]
    public void FollowTheSunLayersMergeTopDownAndTheRestFallsThrough()
    {
        var everyone = Layer(TurnLength.Weeks(1), "2026-06-01 00:00", Ann) with { Name = "night" };
        var tokyo = Layer(TurnLength.Days(1), "2026-06-01 09:00", Bob, Cy) with
        {
            Name = "tokyo day",
            Restrictions = [Restriction.Daily(new TimeOnly(9, 0), new TimeOnly(17, 0))],
        };

        var final = Final("Asia/Tokyo", "2026-06-02 00:00", "2026-06-03 00:00", null, everyone, tokyo);

        // 2 June 09:00-17:00 JST is Cy's day (turn 1); the rest is the bottom layer's.
        Assert.Equal(
        [
            new FinalShift(Cy, Utc("2026-06-02 00:00"), Utc("2026-06-02 08:00"), "tokyo day"),
            new FinalShift(Ann, Utc("2026-06-02 08:00"), Utc("2026-06-03 00:00"), "night"),
        ], final.Shifts);
        Assert.Empty(final.Gaps);
        Assert.Equal(Cy, final.At(Utc("2026-06-02 07:59"))!.UserId);
        Assert.Equal(Ann, final.At(Utc("2026-06-02 08:00"))!.UserId);
    }

    [Fact]
    public void AnOverrideAcrossAHandoffWinsAndTheRotationResumesAfterIt()
    {
        var layer = Layer(TurnLength.Days(1), "2026-06-01 09:00", Ann, Bob);
        // 2 June 08:00 to 10:00 JST, across the 09:00 handoff from Ann to Bob.
        Shift[] overrides = [new(Dee, Utc("2026-06-01 23:00"), Utc("2026-06-02 01:00"))];

        var final = Final("Asia/Tokyo", "2026-06-01 00:00", "2026-06-03 00:00", overrides, layer);

        Assert.Equal(
        [
            new FinalShift(Ann, Utc("2026-06-01 00:00"), Utc("2026-06-01 23:00"), "primary"),
            new FinalShift(Dee, Utc("2026-06-01 23:00"), Utc("2026-06-02 01:00"), FinalSchedule.OverrideSource),
            new FinalShift(Bob, Utc("2026-06-02 01:00"), Utc("2026-06-03 00:00"), "primary"),
        ], final.Shifts);
    }

    [Fact]
    public void HoursNobodyCoversAreGapsAndSoIsTheTimeBeforeTheFirstTurn()
    {
        var layer = Layer(TurnLength.Days(1), "2026-06-02 09:00", Ann) with
        {
            Restrictions = [Restriction.Daily(new TimeOnly(9, 0), new TimeOnly(17, 0))],
        };

        var final = Final("Asia/Tokyo", "2026-06-01 00:00", "2026-06-03 00:00", null, layer);

        Assert.Equal([new FinalShift(Ann, Utc("2026-06-02 00:00"), Utc("2026-06-02 08:00"), "primary")], final.Shifts);
        Assert.Equal([(Utc("2026-06-01 00:00"), Utc("2026-06-02 00:00")), (Utc("2026-06-02 08:00"), Utc("2026-06-03 00:00"))], final.Gaps);
        Assert.Null(final.At(Utc("2026-06-01 12:00")));
    }

    [Fact]
    public void ALayerThatEndsLeavesTheRestToTheLayersBelow()
    {
        var bottom = Layer(TurnLength.Weeks(1), "2026-01-05 00:00", Ann) with { Name = "bottom" };
        var top = Layer(TurnLength.Weeks(1), "2026-01-05 00:00", Bob) with { Name = "top", End = Utc("2026-06-10 00:00") };

        var final = Final("Europe/London", "2026-06-09 00:00", "2026-06-11 00:00", null, bottom, top);

        Assert.Equal([Bob, Ann], final.Shifts.Select(s => s.UserId));
        Assert.Equal(Utc("2026-06-10 00:00"), final.Shifts[1].Start);
    }

    [Fact]
    public void AskingFarIntoARotationDoesNotWalkEveryTurnFromTheStart()
    {
        var layer = Layer(TurnLength.Hours(1), "2000-01-01 00:00", Ann, Bob, Cy);

        var shifts = LayerShifts.Between(layer, Zone("Asia/Tokyo"), Utc("2026-06-01 00:00"), Utc("2026-06-01 03:00"));

        // One-hour turns since 1999-12-31 15:00 UTC (00:00 in Tokyo): the turn number picks the user.
        var turn = (long)(Utc("2026-06-01 00:00") - Utc("1999-12-31 15:00")).TotalHours;
        Assert.Equal(Enumerable.Range(0, 3).Select(i => new[] { Ann, Bob, Cy }[(turn + i) % 3]), shifts.Select(s => s.UserId));
    }
}
