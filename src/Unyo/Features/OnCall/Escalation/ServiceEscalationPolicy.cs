using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Unyo.Features.Catalog;

namespace Unyo.Features.OnCall.Escalation;

// A service's default escalation policy: the one its alerts go to when no alert route names one.
// The unique index on ServiceId keeps it to one per service, whichever node writes.
public sealed class ServiceEscalationPolicy
{
    public Guid ServiceId { get; set; }
    public Service? Service { get; set; }
    public Guid PolicyId { get; set; }
    public EscalationPolicy? Policy { get; set; }
}

internal sealed class ServiceEscalationPolicyConfiguration : IEntityTypeConfiguration<ServiceEscalationPolicy>
{
    public void Configure(EntityTypeBuilder<ServiceEscalationPolicy> builder)
    {
        builder.HasKey(s => s.ServiceId);
        builder.HasIndex(s => s.PolicyId);
        builder.HasOne(s => s.Service).WithMany().HasForeignKey(s => s.ServiceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(s => s.Policy).WithMany().HasForeignKey(s => s.PolicyId).OnDelete(DeleteBehavior.Cascade);
    }
}
