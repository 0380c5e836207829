using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Unyo.Features.Telemetry;

// Good and total events of one SLI in one minute (Minute = Unix seconds / 60). Ingest adds to
// these rows; it never stores an event.
public sealed class SliMinute
{
    public Guid SliId { get; set; }
    public long Minute { get; set; }
    public long Good { get; set; }
    public long Total { get; set; }
    // When the row last changed, by the database's clock (Unix seconds): SLO evaluation reads
    // only what changed since its last cycle instead of every window again.
    public long Stamp { get; set; }

    public static long Of(DateTimeOffset at) => Math.DivRem(at.ToUnixTimeSeconds(), 60, out var rem) - (rem < 0 ? 1 : 0);

    // The last minute with events before `at`: at 12:00:30 the still-filling 12:00, at 12:00:00
    // exactly 11:59 (nothing in 12:00 happened before that instant).
    public static long LastBefore(DateTimeOffset at) => Of(at.AddTicks(-1));

    public static DateTimeOffset Start(long minute) => DateTimeOffset.FromUnixTimeSeconds(minute * 60);
}

internal sealed class SliMinuteConfiguration : IEntityTypeConfiguration<SliMinute>
{
    public void Configure(EntityTypeBuilder<SliMinute> builder)
    {
        builder.HasKey(m => new { m.SliId, m.Minute });
        // Evaluation reads the minutes leaving each window for all SLIs at once, and what changed.
        builder.HasIndex(m => m.Minute);
        builder.HasIndex(m => m.Stamp);
        builder.HasOne<Sli>().WithMany().HasForeignKey(m => m.SliId).OnDelete(DeleteBehavior.Cascade);
    }
}
