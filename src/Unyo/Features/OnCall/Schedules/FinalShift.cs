namespace Unyo.Features.OnCall.Schedules;

// A stretch of the final schedule and the layer (or override) it came from.
public sealed record FinalShift(Guid UserId, DateTimeOffset Start, DateTimeOffset End, string Source);
