using BenchmarkDotNet.Attributes;
using Unyo.Features.OnCall.Schedules;

namespace Unyo.Benchmarks;

/// Final schedules for many schedules over 90 days (issue 7: 1,000 schedules in at most 1 s).
/// Each schedule has a weekly rotation of five, a follow-the-sun daily layer of three on call
/// 09:00-17:00 on weekdays, and four overrides, in one of five time zones (three with summer time).
[MemoryDiagnoser]
public class FinalScheduleBenchmarks
{
    private static readonly string[] Zones = ["America/New_York", "Europe/London", "Asia/Tokyo", "Australia/Sydney", "UTC"];
    private static readonly DateTimeOffset From = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private List<(ScheduleLayer[] Layers, Shift[] Overrides, TimeZoneInfo Zone)> _schedules = [];

    [Params(1_000)]
    public int Schedules { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        Guid[] Users(int n) => [.. Enumerable.Range(0, n).Select(_ => Guid.NewGuid())];
        _schedules = [.. Enumerable.Range(0, Schedules).Select(i =>
        {
            var weekly = new ScheduleLayer("weekly", Users(5), TurnLength.Weeks(1), new DateTime(2025, 1, 6, 9, 0, 0), []);
            var days = new ScheduleLayer("days", Users(3), TurnLength.Days(1), new DateTime(2025, 1, 6, 9, 0, 0),
                [Restriction.Daily(new TimeOnly(9, 0), new TimeOnly(17, 0), [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday])]);
            Shift[] overrides = [.. Enumerable.Range(0, 4).Select(o =>
            {
                var start = From.AddHours(random.Next(0, 90 * 24));
                return new Shift(Guid.NewGuid(), start.AddDays(o * 25), start.AddDays(o * 25).AddHours(random.Next(1, 48)));
            })];
            return (new[] { weekly, days }, overrides, TimeZoneInfo.FindSystemTimeZoneById(Zones[i % Zones.Length]));
        })];
    }

    [Benchmark]
    public int NinetyDays()
    {
        var shifts = 0;
        foreach (var (layers, overrides, zone) in _schedules)
        {
            shifts += FinalSchedule.Compute(layers, overrides, zone, From, From.AddDays(90)).Shifts.Count;
        }
        return shifts;
    }
}
