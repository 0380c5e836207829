using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Unyo.Features.Catalog;

namespace Unyo.Features.Incidents;

// A service an incident hurts. The owning teams of these services may see and work the incident.
public sealed class IncidentImpact
{
    public long IncidentId { get; set; }
    public Guid ServiceId { get; set; }
    public Service? Service { get; set; }
    public DateTimeOffset AddedAt { get; set; }
}

internal sealed class IncidentImpactConfiguration : IEntityTypeConfiguration<IncidentImpact>
{
    public void Configure(EntityTypeBuilder<IncidentImpact> builder)
    {
        builder.HasKey(i => new { i.IncidentId, i.ServiceId });
        builder.HasIndex(i => i.ServiceId);
        builder.HasOne<Incident>().WithMany().HasForeignKey(i => i.IncidentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(i => i.Service).WithMany().HasForeignKey(i => i.ServiceId).OnDelete(DeleteBehavior.Cascade);
    }
}
