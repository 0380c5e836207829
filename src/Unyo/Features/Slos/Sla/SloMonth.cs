using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Unyo.Features.Slos.Sla;

// One calendar month of an SLO, counted from its minute buckets and kept after they are gone, so
// SLA reports reach back further than the minute retention. Counts are events, or good slices
// and slices with data for time-slice SLOs. The month still under way is recounted as time
// passes; once its end plus the late-data horizon has passed it is final and never recounted:
// it keeps the counts and the objective it was judged by.
public sealed class SloMonth
{
    public Guid SloId { get; set; }
    // The 1st of the month on the SLO's calendar (its window's time zone, else UTC).
    public DateOnly Month { get; set; }
    public DateTimeOffset Start { get; set; }
    public DateTimeOffset End { get; set; }
    public BudgetingMethod Budgeting { get; set; }
    public long Good { get; set; }
    public long Total { get; set; }
    public int MinutesWithData { get; set; }
    // Minutes of the month counted: all of them once it is over, up to ComputedAt before.
    public int MinutesElapsed { get; set; }
    public double ObjectivePercent { get; set; }
    public int TimeSliceMinutes { get; set; }
    public DateTimeOffset ComputedAt { get; set; }
    public bool Final { get; set; }
}

internal sealed class SloMonthConfiguration : IEntityTypeConfiguration<SloMonth>
{
    public void Configure(EntityTypeBuilder<SloMonth> builder)
    {
        builder.HasKey(m => new { m.SloId, m.Month });
        // The organisation's report reads one month across SLOs.
        builder.HasIndex(m => m.Month);
        builder.Property(m => m.Budgeting).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<Slo>().WithMany().HasForeignKey(m => m.SloId).OnDelete(DeleteBehavior.Cascade);
    }
}
