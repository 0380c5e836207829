using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Unyo.Features.Accounts;

namespace Unyo.Features.Incidents;

// Who held a role in an incident, and for how long. The holder now is the row with no EndedAt;
// handing a role over ends one row and starts another, so the history stays.
public sealed class IncidentRoleAssignment
{
    public long Id { get; set; }
    public long IncidentId { get; set; }
    // The role's key from the incident policy: "commander", "communications", "operations", "scribe", ...
    public required string Role { get; set; }
    public Guid UserId { get; set; }
    public User? User { get; set; }
    public DateTimeOffset AssignedAt { get; set; }
    public required string AssignedBy { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public string? EndedBy { get; set; }
}

internal sealed class IncidentRoleAssignmentConfiguration : IEntityTypeConfiguration<IncidentRoleAssignment>
{
    public void Configure(EntityTypeBuilder<IncidentRoleAssignment> builder)
    {
        builder.Property(a => a.Role).HasMaxLength(40);
        builder.Property(a => a.AssignedBy).HasMaxLength(200);
        builder.Property(a => a.EndedBy).HasMaxLength(200);
        builder.HasIndex(a => new { a.IncidentId, a.Role, a.EndedAt });
        builder.HasIndex(a => a.UserId);
        builder.HasOne<Incident>().WithMany().HasForeignKey(a => a.IncidentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(a => a.User).WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}
