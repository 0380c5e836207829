using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Unyo.Features.Slos;

public enum BurnAlertKind
{
    // A burn-rate rule of severity page or ticket.
    Page,
    Ticket,
    // The whole budget of the window is spent.
    BudgetExhausted,
}

// One firing of an SLO condition, from when it started to when it cleared: the durable state
// the evaluator keeps (an open row is a firing alert) and the history the pages show.
public sealed class BurnAlert
{
    public long Id { get; set; }
    public Guid SloId { get; set; }
    public Slo? Slo { get; set; }
    public BurnAlertKind Kind { get; set; }
    // Which rule fired, as people read it ("2% of the budget in 1h …").
    public required string Condition { get; set; }
    public DateTimeOffset FiredAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    // The highest long-window burn rate seen while it fired (budget spent, for exhaustion).
    public double Peak { get; set; }
}

internal sealed class BurnAlertConfiguration : IEntityTypeConfiguration<BurnAlert>
{
    public void Configure(EntityTypeBuilder<BurnAlert> builder)
    {
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(24);
        builder.Property(a => a.Condition).HasMaxLength(300);
        builder.HasIndex(a => new { a.SloId, a.ResolvedAt });
        // At most one open alert of a kind per SLO, whatever two evaluators might attempt.
        builder.HasIndex(a => new { a.SloId, a.Kind }).IsUnique().HasFilter("\"ResolvedAt\" IS NULL");
        builder.HasIndex(a => a.FiredAt);
        builder.HasOne(a => a.Slo).WithMany().HasForeignKey(a => a.SloId).OnDelete(DeleteBehavior.Cascade);
    }
}
