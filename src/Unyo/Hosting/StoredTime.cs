namespace Unyo.Hosting;

public static class StoredTime
{
    // PostgreSQL keeps microseconds, .NET ticks are 100 ns: cutting to microseconds up front
    // makes what a write returns equal to what a later read returns, on both providers.
    public static DateTimeOffset StoredNow(this TimeProvider time)
    {
        var now = time.GetUtcNow();
        return now.AddTicks(-(now.UtcTicks % TimeSpan.TicksPerMicrosecond));
    }
}
