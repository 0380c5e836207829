namespace Unyo.Features.OnCall.Schedules.Swaps;

public enum ShiftSwapStatus
{
    Pending,
    Accepted,
    Declined,
    Cancelled,
    // Never stored: what a pending request reads as once its first stretch has begun.
    Expired,
}
