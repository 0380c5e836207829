namespace Unyo.Features.OnCall.Schedules;

// A shift of a fixed layer as Schedule.Layers keeps it: the user by id, instants in UTC.
public sealed record StoredShift(Guid User, DateTimeOffset Start, DateTimeOffset End);
