using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Unyo.Features.Slos;

// The latest evaluation of an SLO, kept so lists, the release gate and dashboards read one row
// instead of re-evaluating every SLO. The status endpoint evaluates afresh.
public sealed class SloSnapshot
{
    public Guid SloId { get; set; }
    public DateTimeOffset EvaluatedAt { get; set; }
    public long Good { get; set; }
    public long Total { get; set; }
    public double? Attainment { get; set; }
    public double? BudgetRemaining { get; set; }
    public double? BurnRate1h { get; set; }
    public DateTimeOffset? ExhaustionAt { get; set; }
    public bool Exhausted { get; set; }
}

internal sealed class SloSnapshotConfiguration : IEntityTypeConfiguration<SloSnapshot>
{
    public void Configure(EntityTypeBuilder<SloSnapshot> builder)
    {
        builder.HasKey(s => s.SloId);
        builder.HasOne<Slo>().WithOne().HasForeignKey<SloSnapshot>(s => s.SloId).OnDelete(DeleteBehavior.Cascade);
    }
}
