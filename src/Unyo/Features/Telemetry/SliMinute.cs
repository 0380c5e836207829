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

    public static long Of(DateTimeOffset at) => Math.DivRem(at.ToUnixTimeSeconds(), 60, out var rem) - (rem < 0 ? 1 : 0);

    public static DateTimeOffset Start(long minute) => DateTimeOffset.FromUnixTimeSeconds(minute * 60);
}

internal sealed class SliMinuteConfiguration : IEntityTypeConfiguration<SliMinute>
{
    public void Configure(EntityTypeBuilder<SliMinute> builder)
    {
        builder.HasKey(m => new { m.SliId, m.Minute });
        builder.HasOne<Sli>().WithMany().HasForeignKey(m => m.SliId).OnDelete(DeleteBehavior.Cascade);
    }
}
