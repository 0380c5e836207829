using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Hosting;

namespace Unyo.Features.Telemetry;

// How long minute buckets are kept: UNYO_SLI_RETENTION_DAYS, default 100 (a 90-day window plus
// the 3-day alert window and slack). Older minutes are deleted by housekeeping.
public sealed class SliRetention(IConfiguration configuration)
{
    public const int DefaultDays = 100;

    public TimeSpan Keep { get; } = TimeSpan.FromDays(Read(configuration));

    private static int Read(IConfiguration configuration)
    {
        var text = configuration["UNYO_SLI_RETENTION_DAYS"];
        if (string.IsNullOrWhiteSpace(text))
        {
            return DefaultDays;
        }
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days is >= 94 and <= 3660 ? days
            : throw new InvalidOperationException($"UNYO_SLI_RETENTION_DAYS '{text}' must be a whole number of days from 94 (a 90-day window and its 3-day alerts) to 3660.");
    }
}

public sealed class ForgetOldSliMinutes(UnyoDb db, TimeProvider time, SliRetention retention) : IHousekeepingTask
{
    public string Name => "SLI minutes past their retention";

    public Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = SliMinute.Of(time.GetUtcNow() - retention.Keep);
        return db.SliMinutes.Where(m => m.Minute < cutoff).ExecuteDeleteAsync(cancellationToken);
    }
}
