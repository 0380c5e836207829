using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Unyo.Features.Catalog;

namespace Unyo.Features.Deploys;

// A service governed by a policy. The unique service id is what keeps a service in one policy
// even when two writers race.
public sealed class ErrorBudgetPolicyService
{
    public Guid PolicyId { get; set; }
    public ErrorBudgetPolicy? Policy { get; set; }
    public Guid ServiceId { get; set; }
    public Service? Service { get; set; }
}

internal sealed class ErrorBudgetPolicyServiceConfiguration : IEntityTypeConfiguration<ErrorBudgetPolicyService>
{
    public void Configure(EntityTypeBuilder<ErrorBudgetPolicyService> builder)
    {
        builder.HasKey(s => new { s.PolicyId, s.ServiceId });
        builder.HasIndex(s => s.ServiceId).IsUnique();
        builder.HasOne(s => s.Policy).WithMany(p => p.Services).HasForeignKey(s => s.PolicyId).OnDelete(DeleteBehavior.Cascade);
        // A service cannot go while a policy names it (ErrorBudgetPolicyReferences says which).
        builder.HasOne(s => s.Service).WithMany().HasForeignKey(s => s.ServiceId).OnDelete(DeleteBehavior.Restrict);
    }
}
