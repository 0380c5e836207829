using Unyo.Features.Maintenance;
using Unyo.Features.Slos;
using Unyo.Features.Telemetry;

namespace Unyo.Tests.Maintenance;

public sealed class MaintenanceTimetableTests
{
    private static readonly Guid Checkout = Guid.NewGuid();
    private static readonly Guid Payments = Guid.NewGuid();
    private static readonly DateTimeOffset Noon = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static (Guid, string, IReadOnlyCollection<Guid>, IReadOnlyCollection<string>, WindowOccurrences) Window(
        string name, DateTimeOffset start, DateTimeOffset end, Guid[] services, string[] checks, bool suppress = true) =>
        (Guid.NewGuid(), "team", services, checks, new WindowOccurrences(name, name, suppress, MaintenanceSchedule.OneOff(start, end), []));

    [Fact]
    public void ServicesAreCoveredByTheirWindowsAndChecksAlsoByName()
    {
        var timetable = new MaintenanceTimetable([
            Window("db-upgrade", Noon, Noon.AddHours(2), [Checkout], []),
            Window("cdn-swap", Noon.AddHours(1), Noon.AddHours(3), [], ["payments-home"], suppress: false),
        ]);

        Assert.True(timetable.CoversService(Checkout, Noon.AddMinutes(30), out var window));
        Assert.Equal("db-upgrade", window.Window);
        Assert.False(timetable.CoversService(Payments, Noon.AddMinutes(90), out _));
        Assert.True(timetable.CoversCheck(Payments, "payments-home", Noon.AddMinutes(90), out var check));
        Assert.Equal(("cdn-swap", false), (check.Window, check.SuppressAlerts));
        Assert.False(timetable.CoversCheck(Payments, "payments-api", Noon.AddMinutes(90), out _));
        Assert.False(timetable.CoversService(Checkout, Noon.AddHours(2), out _));
        Assert.Equal(["cdn-swap", "db-upgrade"], timetable.ActiveAt(Noon.AddMinutes(61)).Select(o => o.Window));
    }

    [Fact]
    public void IntervalsOfAServiceMergeWhereWindowsOverlapAndMinutesFollowThem()
    {
        var timetable = new MaintenanceTimetable([
            Window("a", Noon, Noon.AddMinutes(30).AddSeconds(30), [Checkout], []),
            Window("b", Noon.AddMinutes(20), Noon.AddMinutes(40), [Checkout], []),
            Window("c", Noon.AddMinutes(40).AddSeconds(20), Noon.AddMinutes(45), [Checkout], []),
            Window("other", Noon, Noon.AddHours(5), [Payments], []),
        ]);

        var intervals = timetable.IntervalsFor(Checkout, null, Noon.AddHours(-1), Noon.AddHours(1));
        var first = SliMinute.Of(Noon);
        var ranges = MaintenanceExclusion.Ranges(timetable, Checkout, null, first - 60, first + 60);

        Assert.Equal([(Noon, Noon.AddMinutes(40)), (Noon.AddMinutes(40).AddSeconds(20), Noon.AddMinutes(45))], intervals);
        // 12:40:00-12:40:20 is no maintenance, but the minute 12:40 holds maintenance too: one range.
        Assert.Equal([(first, first + 44)], ranges);
    }

    [Fact]
    public void AnSliFedByACheckIsCoveredByWindowsNamingThatCheckAndNoOther()
    {
        var timetable = new MaintenanceTimetable([
            Window("home-swap", Noon, Noon.AddMinutes(10).AddSeconds(30), [], ["checkout-home"]),
            Window("api-swap", Noon.AddMinutes(30), Noon.AddMinutes(50), [], ["checkout-api"]),
            Window("db-upgrade", Noon.AddMinutes(20), Noon.AddMinutes(25), [Checkout], []),
        ]);
        var first = SliMinute.Of(Noon);

        var fed = MaintenanceExclusion.Ranges(timetable, Checkout, "checkout-home", first - 60, first + 60);
        var other = MaintenanceExclusion.Ranges(timetable, Payments, "payments-home", first - 60, first + 60);
        var native = MaintenanceExclusion.Ranges(timetable, Checkout, null, first - 60, first + 60);

        Assert.True(timetable.NamesChecks);
        Assert.False(new MaintenanceTimetable([Window("db-upgrade", Noon, Noon.AddHours(1), [Checkout], [])]).NamesChecks);
        // 12:00-12:10:30 (the minute 12:10 in part) and the service's own window, not the other check's.
        Assert.Equal([(first, first + 10), (first + 20, first + 24)], fed);
        Assert.Empty(other);
        Assert.Equal([(first + 20, first + 24)], native);
        Assert.True(timetable.NamesCheck("checkout-api", Noon.AddMinutes(40), out var named));
        Assert.Equal("api-swap", named.Window);
        Assert.False(timetable.NamesCheck("checkout-api", Noon.AddMinutes(22), out _));
    }

    [Fact]
    public void LeavingMinutesOutKeepsEverythingOutsideTheRanges()
    {
        var minutes = Enumerable.Range(0, 10).Select(i => new SliMinute { Minute = 100 + i * 2, Good = 1, Total = 1 }).ToList();

        var kept = MaintenanceExclusion.Without(minutes, [(101, 104), (110, 110), (117, 200)]);

        Assert.Equal([100, 106, 108, 112, 114, 116], kept.Select(m => m.Minute));
        Assert.True(MaintenanceExclusion.Contains([(101, 104), (110, 110)], 110));
        Assert.False(MaintenanceExclusion.Contains([(101, 104), (110, 110)], 105));
    }
}
