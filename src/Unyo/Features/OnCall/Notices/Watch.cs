namespace Unyo.Features.OnCall.Notices;

// One person's unbroken time on call on one schedule: consecutive stretches of the final schedule
// (a layer turn, then an override) joined, since for the person it is one shift.
public sealed record Watch(Guid ScheduleId, string Schedule, string TimeZone, Guid UserId, DateTimeOffset Start, DateTimeOffset End);
