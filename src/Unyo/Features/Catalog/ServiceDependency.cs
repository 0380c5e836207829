using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Unyo.Features.Catalog;

// An edge "ServiceId depends on DependsOnId". Deleting the dependent removes its edges;
// deleting a service that others depend on is refused (Restrict) so no edge dangles.
public sealed class ServiceDependency
{
    public Guid ServiceId { get; set; }
    public Service? Dependent { get; set; }
    public Guid DependsOnId { get; set; }
    public Service? DependsOn { get; set; }
}

internal sealed class ServiceDependencyConfiguration : IEntityTypeConfiguration<ServiceDependency>
{
    public void Configure(EntityTypeBuilder<ServiceDependency> builder)
    {
        builder.HasKey(d => new { d.ServiceId, d.DependsOnId });
        builder.HasIndex(d => d.DependsOnId);
        builder.HasOne(d => d.Dependent).WithMany(s => s.Dependencies).HasForeignKey(d => d.ServiceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(d => d.DependsOn).WithMany().HasForeignKey(d => d.DependsOnId).OnDelete(DeleteBehavior.Restrict);
    }
}
