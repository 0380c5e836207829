using Unyo.Features.OnCall.Schedules;

namespace Unyo.Tests.OnCall;

/// Fixed layers (shifts given one by one, as an iCalendar import makes them) in the final
/// schedule: merged top-down like rotations, and cut by restrictions like rotations' turns.
public sealed class FixedLayerTests
{
    private static readonly Guid Ann = new("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid Bob = new("00000000-0000-0000-0000-00000000000b");
    private static readonly Guid Cy = new("00000000-0000-0000-0000-00000000000c");

    private static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text + "Z", System.Globalization.CultureInfo.InvariantCulture);

    private static ScheduleLayer Rotation() =>
        new("days", [Ann], TurnLength.Days(1), new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Unspecified), []);

    private static ScheduleLayer Fixed(IReadOnlyList<Restriction> restrictions, params Shift[] shifts) =>
        new("imported", [], new TurnLength(TurnKind.Fixed, 0), default, restrictions, Shifts: shifts);

    [Fact]
    public void AFixedLayerOnTopWinsOnlyWhereItHasSomeoneAndTheRotationShowsThroughElsewhere()
    {
        var layer = Fixed([], new Shift(Bob, Utc("2026-03-02 09:00"), Utc("2026-03-02 17:00")), new Shift(Cy, Utc("2026-03-03 00:00"), Utc("2026-03-04 00:00")));

        var final = FinalSchedule.Compute([Rotation(), layer], [], TimeZoneInfo.Utc, Utc("2026-03-02 00:00"), Utc("2026-03-03 12:00"));

        Assert.Equal(
        [
            new FinalShift(Ann, Utc("2026-03-02 00:00"), Utc("2026-03-02 09:00"), "days"),
            new FinalShift(Bob, Utc("2026-03-02 09:00"), Utc("2026-03-02 17:00"), "imported"),
            new FinalShift(Ann, Utc("2026-03-02 17:00"), Utc("2026-03-03 00:00"), "days"),
            new FinalShift(Cy, Utc("2026-03-03 00:00"), Utc("2026-03-03 12:00"), "imported"),
        ], final.Shifts);
        Assert.Empty(final.Gaps);
    }

    [Fact]
    public void RestrictionsCutFixedShiftsOnTheWallClockAsTheyCutTurnsAndOverridesStillWin()
    {
        // 08:00 to 20:00 in Tokyo (23:00 to 11:00 UTC) cut to 09:00-17:00 Tokyo (00:00-08:00 UTC).
        var layer = Fixed([Restriction.Daily(new TimeOnly(9, 0), new TimeOnly(17, 0))], new Shift(Bob, Utc("2026-03-01 23:00"), Utc("2026-03-02 11:00")));
        var cover = new Shift(Cy, Utc("2026-03-02 03:00"), Utc("2026-03-02 04:00"));

        var alone = LayerShifts.Between(layer, TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo"), Utc("2026-03-01 00:00"), Utc("2026-03-03 00:00"));
        var final = FinalSchedule.Compute([layer], [cover], TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo"), Utc("2026-03-02 00:00"), Utc("2026-03-02 08:00"));

        Assert.Equal([new Shift(Bob, Utc("2026-03-02 00:00"), Utc("2026-03-02 08:00"))], alone);
        Assert.Equal([Bob, Cy, Bob], final.Shifts.Select(s => s.UserId));
        Assert.Equal(["imported", "override", "imported"], final.Shifts.Select(s => s.Source));
    }

    [Fact]
    public void AFixedLayerHasNobodyBeforeItsFirstShiftOrAfterItsLast()
    {
        var layer = Fixed([], new Shift(Bob, Utc("2026-03-02 09:00"), Utc("2026-03-02 10:00")));

        var final = FinalSchedule.Compute([layer], [], TimeZoneInfo.Utc, Utc("2026-03-02 08:00"), Utc("2026-03-02 11:00"));

        Assert.Equal([(Utc("2026-03-02 08:00"), Utc("2026-03-02 09:00")), (Utc("2026-03-02 10:00"), Utc("2026-03-02 11:00"))], final.Gaps);
        Assert.Equal([new FinalShift(Bob, Utc("2026-03-02 09:00"), Utc("2026-03-02 10:00"), "imported")], final.Shifts);
    }
}
