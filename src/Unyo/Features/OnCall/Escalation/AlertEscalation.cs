using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Unyo.Features.Alerts;

namespace Unyo.Features.OnCall.Escalation;

// One alert's way through one escalation policy: a durable timer. While Active, the level at
// Level (0-based) of run Round pages at NextAt. Any node may fire it; the Revision token lets
// exactly one of them write the step (and its pages) and the others find it already done.
public sealed class AlertEscalation
{
    public Guid Id { get; set; }
    public long AlertId { get; set; }
    public Alert? Alert { get; set; }
    public Guid PolicyId { get; set; }
    public EscalationPolicy? Policy { get; set; }
    public EscalationStatus Status { get; set; }
    public int Level { get; set; }
    public int Round { get; set; }
    public DateTimeOffset? NextAt { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? StoppedAt { get; set; }
    public int Revision { get; set; }
}

internal sealed class AlertEscalationConfiguration : IEntityTypeConfiguration<AlertEscalation>
{
    public void Configure(EntityTypeBuilder<AlertEscalation> builder)
    {
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Revision).IsConcurrencyToken();
        // The worker's look for what is due.
        builder.HasIndex(e => new { e.Status, e.NextAt });
        builder.HasIndex(e => new { e.AlertId, e.PolicyId }).IsUnique();
        builder.HasIndex(e => e.PolicyId);
        builder.HasOne(e => e.Alert).WithMany().HasForeignKey(e => e.AlertId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(e => e.Policy).WithMany().HasForeignKey(e => e.PolicyId).OnDelete(DeleteBehavior.Cascade);
    }
}
