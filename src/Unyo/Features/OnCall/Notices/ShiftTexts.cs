using System.Globalization;
using System.Text;

namespace Unyo.Features.OnCall.Notices;

// What the notices say. Times are in the schedule's time zone, the one its team plans in, and
// name it, since the reader may sit elsewhere.
public static class ShiftTexts
{
    public static PersonalNotice Starts(Watch watch, DateTimeOffset horizon)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(watch.TimeZone);
        var until = watch.End >= horizon ? "for more than two weeks" : $"until {Time(watch.End, zone)}";
        return new PersonalNotice(
            watch.UserId,
            $"Your on-call shift on {watch.Schedule} starts at {Time(watch.Start, zone)} ({watch.TimeZone})",
            $"You are on call on {watch.Schedule} from {Time(watch.Start, zone)} {until} ({watch.TimeZone}).",
            $"schedules/{watch.Schedule}");
    }

    public static PersonalNotice Digest(Guid userId, DateTimeOffset weekStart, IReadOnlyList<Watch> watches, DateTimeOffset horizon)
    {
        var text = new StringBuilder();
        var count = watches.Count == 1 ? "one shift" : $"{watches.Count} shifts";
        text.Append(CultureInfo.InvariantCulture, $"You have {count} on call in the week from {Time(weekStart, TimeZoneInfo.Utc)} UTC:\n");
        foreach (var watch in watches)
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(watch.TimeZone);
            var end = watch.End >= horizon ? "(beyond the next week)" : Time(watch.End, zone);
            text.Append(CultureInfo.InvariantCulture, $"\n- {watch.Schedule}: {Time(watch.Start, zone)} – {end} ({watch.TimeZone})");
        }
        return new PersonalNotice(userId, $"Your on-call shifts for the week of {weekStart.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}", text.ToString(), "my/shifts");
    }

    private static string Time(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("ddd d MMM yyyy HH:mm", CultureInfo.InvariantCulture);
}
