namespace Unyo.Features.OnCall.Schedules;

// Someone on call from Start (inclusive) to End (exclusive), both instants.
public readonly record struct Shift(Guid UserId, DateTimeOffset Start, DateTimeOffset End)
{
    public bool Covers(DateTimeOffset at) => Start <= at && at < End;
}
