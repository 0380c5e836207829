namespace Unyo.Features.Checks;

// When a check runs: every Interval, at an offset within it that comes from the check's id. The
// runs of many checks with one interval spread evenly over it instead of all starting at once,
// and the offset stays the same across restarts and nodes.
public static class CheckSlots
{
    public static long OffsetMs(Guid id, long intervalMs)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes);
        // Version 7 ids start with a timestamp; their random tail spreads better.
        var mixed = BitConverter.ToUInt64(bytes[8..]) ^ (BitConverter.ToUInt64(bytes[..8]) * 0x9E3779B97F4A7C15UL);
        return (long)(mixed % (ulong)intervalMs);
    }

    // The first run at or after `after`.
    public static DateTimeOffset Next(Guid id, TimeSpan interval, DateTimeOffset after)
    {
        var intervalMs = (long)interval.TotalMilliseconds;
        var offset = OffsetMs(id, intervalMs);
        var now = after.ToUnixTimeMilliseconds();
        var cycleStart = now - ((now - offset) % intervalMs + intervalMs) % intervalMs;
        return DateTimeOffset.FromUnixTimeMilliseconds(cycleStart < now ? cycleStart + intervalMs : cycleStart);
    }
}
