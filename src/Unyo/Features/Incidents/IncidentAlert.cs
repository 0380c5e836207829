using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Unyo.Features.Alerts;

namespace Unyo.Features.Incidents;

// An alert that belongs to an incident. An alert belongs to one incident at most, so a rule that
// declares incidents from alerts cannot declare twice for the same alert.
public sealed class IncidentAlert
{
    public long IncidentId { get; set; }
    public long AlertId { get; set; }
    public Alert? Alert { get; set; }
    public DateTimeOffset LinkedAt { get; set; }
    public required string LinkedBy { get; set; }
}

internal sealed class IncidentAlertConfiguration : IEntityTypeConfiguration<IncidentAlert>
{
    public void Configure(EntityTypeBuilder<IncidentAlert> builder)
    {
        builder.HasKey(a => new { a.IncidentId, a.AlertId });
        builder.HasIndex(a => a.AlertId).IsUnique();
        builder.Property(a => a.LinkedBy).HasMaxLength(200);
        builder.HasOne<Incident>().WithMany().HasForeignKey(a => a.IncidentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(a => a.Alert).WithMany().HasForeignKey(a => a.AlertId).OnDelete(DeleteBehavior.Cascade);
    }
}
