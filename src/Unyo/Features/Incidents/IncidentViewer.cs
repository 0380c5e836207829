using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Unyo.Features.Accounts;

namespace Unyo.Features.Incidents;

// A team that may see a private incident. Public incidents ignore these rows.
public sealed class IncidentViewer
{
    public long IncidentId { get; set; }
    public Guid TeamId { get; set; }
    public Team? Team { get; set; }
}

internal sealed class IncidentViewerConfiguration : IEntityTypeConfiguration<IncidentViewer>
{
    public void Configure(EntityTypeBuilder<IncidentViewer> builder)
    {
        builder.HasKey(v => new { v.IncidentId, v.TeamId });
        builder.HasIndex(v => v.TeamId);
        builder.HasOne<Incident>().WithMany().HasForeignKey(v => v.IncidentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(v => v.Team).WithMany().HasForeignKey(v => v.TeamId).OnDelete(DeleteBehavior.Cascade);
    }
}
